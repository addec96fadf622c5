package dev.gatehouse.connection;

import java.util.Locale;

/**
 * How the gateway treats a connection's agent traffic, as the data path sees it.
 *
 * @param protocol which protocol the connection's requests are read as
 * @param toolDefault what happens to a tool call that no tool rule names
 * @param serverRequestsAllowed whether an MCP server may send the client requests of its own
 *     (sampling, elicitation, roots); blocked unless allowed
 */
public record AgentSettings(
    Protocol protocol, ToolDefault toolDefault, boolean serverRequestsAllowed) {

  public static final AgentSettings DEFAULTS =
      new AgentSettings(Protocol.AUTO, ToolDefault.ALLOW, false);

  public AgentSettings {
    protocol = protocol == null ? Protocol.AUTO : protocol;
    toolDefault = toolDefault == null ? ToolDefault.ALLOW : toolDefault;
  }

  /** The protocol setting: decided per request, or fixed for the connection. */
  public enum Protocol {
    /** Decided per request from its path, headers, content type and body. */
    AUTO,
    /** Relayed as bytes; no agent protocol is read. */
    HTTP,
    /** Every request body is OpenAI-compatible JSON; what is not is refused. */
    OPENAI,
    /** Every request is MCP over Streamable HTTP; what is not is refused. */
    MCP;

    /** The setting named as the API writes it ({@code auto}, {@code http}, ...). */
    public static Protocol named(String name) {
      return name == null ? AUTO : valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The name as the API writes it. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a tool call no tool rule names gets. */
  public enum ToolDefault {
    ALLOW,
    DENY;

    public static ToolDefault named(String name) {
      return name == null ? ALLOW : valueOf(name.toUpperCase(Locale.ROOT));
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
