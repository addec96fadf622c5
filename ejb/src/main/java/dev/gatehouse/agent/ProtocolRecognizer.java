package dev.gatehouse.agent;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Which protocol a request speaks on a connection set to {@code auto}, from its method, path,
 * content type and body: MCP at an endpoint whose last segment is {@code mcp} (the Streamable HTTP
 * convention), or whatever the request names in {@code Mcp-Method}/{@code MCP-Protocol-Version}, or
 * a JSON body that names {@code "jsonrpc"}; OpenAI at the API's own paths ({@code
 * …/chat/completions}, {@code …/responses}, {@code …/completions}, {@code …/embeddings}) with a
 * JSON body; anything else is plain HTTP. A connection set to {@code mcp} or {@code openai} does
 * not guess: every request is read as that protocol.
 */
public final class ProtocolRecognizer {

  private ProtocolRecognizer() {}

  /** The JSON-RPC marker member as it appears, unescaped, in a JSON-RPC body. */
  private static final byte[] JSON_RPC_MEMBER = "\"jsonrpc\"".getBytes(StandardCharsets.US_ASCII);

  /**
   * @param body the request body, or {@code null} when it is not to be looked at
   */
  public static AgentProtocol recognize(
      String method, String path, String contentType, boolean mcpHeaders, byte[] body) {
    AgentProtocol byPath = recognize(method, path, contentType, mcpHeaders);
    if (byPath == AgentProtocol.HTTP
        && body != null
        && "POST".equals(method)
        && isJson(contentType)
        && contains(body, JSON_RPC_MEMBER)) {
      return AgentProtocol.MCP;
    }
    return byPath;
  }

  /** Whether a request is to be recognised by its body too: a JSON POST. */
  public static boolean needsBody(String method, String contentType) {
    return "POST".equals(method) && isJson(contentType);
  }

  private static boolean isJson(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (haystack[i] != needle[0]) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  static AgentProtocol recognize(
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
    if ("POST".equals(method)
        && isJson(contentType)
        && (p.endsWith("/chat/completions")
            || p.endsWith("/responses")
            || p.endsWith("/completions")
            || p.endsWith("/embeddings"))) {
      return AgentProtocol.OPENAI;
    }
    return AgentProtocol.HTTP;
  }
}
