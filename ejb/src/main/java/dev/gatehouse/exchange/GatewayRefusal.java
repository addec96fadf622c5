package dev.gatehouse.exchange;

import java.util.Map;

/**
 * The gateway says no, or cannot relay: everything a problem document (RFC 9457) and the audit
 * record need. Thrown anywhere on the data path; the auditing interceptor records it and the web
 * layer renders it. Never carries a secret or an unmasked payload in its detail.
 */
public class GatewayRefusal extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String reason;
  private final Decision decision;
  private final Map<String, String> headers;
  private String auditId;
  private Integer jsonRpcCode;
  private String jsonRpcId;
  private boolean inBand;
  private final java.util.Map<String, String> details = new java.util.LinkedHashMap<>();
  private String invalidField;

  public GatewayRefusal(int status, String reason, String detail, Decision decision) {
    this(status, reason, detail, decision, Map.of(), null);
  }

  public GatewayRefusal(
      int status,
      String reason,
      String detail,
      Decision decision,
      Map<String, String> headers,
      Throwable cause) {
    super(detail, cause, false, false);
    this.status = status;
    this.reason = reason;
    this.decision = decision;
    this.headers = Map.copyOf(headers);
  }

  /** A refusal the gateway decides on before anything is forwarded. */
  public static GatewayRefusal refused(int status, String reason, String detail) {
    return new GatewayRefusal(status, reason, detail, Decision.REFUSED);
  }

  /** A failure of the backend or of the relay itself. */
  public static GatewayRefusal upstreamError(
      int status, String reason, String detail, Throwable cause) {
    return new GatewayRefusal(status, reason, detail, Decision.ERROR, Map.of(), cause);
  }

  public int status() {
    return status;
  }

  /** A machine-readable, stable reason code, for example {@code unknown_connection}. */
  public String reason() {
    return reason;
  }

  public String detail() {
    return getMessage();
  }

  public Decision decision() {
    return decision;
  }

  /** Response headers the refusal requires, for example {@code WWW-Authenticate}. */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * Adds a member the answer carries beside the reason (in a problem document, and in a JSON-RPC
   * error's {@code data}), for example the id of the approval a held call waits for.
   *
   * @return this refusal
   */
  public GatewayRefusal withDetail(String name, String value) {
    details.put(name, value);
    return this;
  }

  /**
   * Marks this refusal as an invalid field of an admin request, {@code field} being its JSON
   * property path: the answer lists it in {@code errors: [{"field", "message"}]}, as every invalid
   * admin request does, the detail being the message.
   *
   * @return this refusal
   */
  public GatewayRefusal ofField(String field) {
    this.invalidField = field;
    return this;
  }

  /** The invalid field of an admin request this refusal names, or {@code null}. */
  public String invalidField() {
    return invalidField;
  }

  /** The extra members of the answer, in order. */
  public Map<String, String> details() {
    return java.util.Collections.unmodifiableMap(details);
  }

  /** The id of the audit record that holds this refusal, once it is recorded. */
  public String auditId() {
    return auditId;
  }

  public void recordedAs(String auditId) {
    this.auditId = auditId;
  }

  /**
   * Renders this refusal as a JSON-RPC 2.0 error rather than a problem document: the caller speaks
   * JSON-RPC (MCP) and understands nothing else.
   *
   * @param code the JSON-RPC error code
   * @param rawId the id of the message refused, as raw JSON, or {@code null}
   * @return this refusal
   */
  public GatewayRefusal answeredAsJsonRpc(int code, String rawId) {
    this.jsonRpcCode = code;
    this.jsonRpcId = rawId;
    return this;
  }

  /**
   * Marks this refusal as the answer to a well-formed JSON-RPC request that the gateway declines (a
   * denied or held tool call): the error travels in an HTTP 200, as an MCP server answers a request
   * it declines, so that the client reads it as the call's result rather than as a broken
   * transport. The refusal's own status stays in the error's data and in the audit record.
   *
   * @return this refusal
   */
  public GatewayRefusal answeredInBand() {
    this.inBand = true;
    return this;
  }

  /** Whether the JSON-RPC error is answered in an HTTP 200 ({@link #answeredInBand}). */
  public boolean inBand() {
    return inBand;
  }

  /** The JSON-RPC error code to answer with, or {@code null}: answer a problem document. */
  public Integer jsonRpcCode() {
    return jsonRpcCode;
  }

  /** The id of the JSON-RPC message refused, as raw JSON, or {@code null}. */
  public String jsonRpcId() {
    return jsonRpcId;
  }
}
