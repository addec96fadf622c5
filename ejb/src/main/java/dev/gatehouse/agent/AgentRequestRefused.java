package dev.gatehouse.agent;

/**
 * A request that claims a protocol and breaks it: the reason (machine-readable), what is wrong, and
 * for MCP the JSON-RPC error code and the id of the message to answer (raw JSON, {@code null} when
 * it could not be read).
 */
public final class AgentRequestRefused extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** JSON-RPC 2.0: the body is not JSON. */
  public static final int PARSE_ERROR = -32700;

  /** JSON-RPC 2.0: the JSON is not a valid request. */
  public static final int INVALID_REQUEST = -32600;

  private final String reason;
  private final int jsonRpcCode;
  private final String jsonRpcId;

  public AgentRequestRefused(String reason, String detail, int jsonRpcCode, String jsonRpcId) {
    super(detail, null, false, false);
    this.reason = reason;
    this.jsonRpcCode = jsonRpcCode;
    this.jsonRpcId = jsonRpcId;
  }

  public String reason() {
    return reason;
  }

  public int jsonRpcCode() {
    return jsonRpcCode;
  }

  /** The id of the JSON-RPC message refused, as raw JSON, or {@code null}. */
  public String jsonRpcId() {
    return jsonRpcId;
  }
}
