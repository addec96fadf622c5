package dev.gatehouse.agent;

import java.util.Locale;

/**
 * Which protocol a request speaks, from its method, path and content type: MCP at an endpoint whose
 * last segment is {@code mcp} (the Streamable HTTP convention), or whatever the request names in
 * {@code Mcp-Method}/{@code MCP-Protocol-Version}; OpenAI at the API's own paths ({@code
 * …/chat/completions}, {@code …/responses}, {@code …/completions}, {@code …/embeddings}) with a
 * JSON body; anything else is plain HTTP.
 */
public final class ProtocolRecognizer {

  private ProtocolRecognizer() {}

  public static AgentProtocol recognize(
      String method, String path, String contentType, boolean mcpHeaders) {
    String p = path == null ? "" : path.toLowerCase(Locale.ROOT);
    int query = p.indexOf('?');
    if (query >= 0) {
      p = p.substring(0, query);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (mcpHeaders || p.equals("/mcp") || p.endsWith("/mcp")) {
      return AgentProtocol.MCP;
    }
    boolean json = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
    if ("POST".equals(method)
        && json
        && (p.endsWith("/chat/completions")
            || p.endsWith("/responses")
            || p.endsWith("/completions")
            || p.endsWith("/embeddings"))) {
      return AgentProtocol.OPENAI;
    }
    return AgentProtocol.HTTP;
  }
}
