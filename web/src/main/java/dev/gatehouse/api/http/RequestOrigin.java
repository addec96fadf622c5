package dev.gatehouse.api.http;

import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code scheme://host[:port]} as the caller addressed this server: the listener's scheme and the
 * {@code Host} the caller sent, so that a URL handed back to the caller is the one it used. Not
 * checked here; whoever writes it into an answer must.
 */
public final class RequestOrigin {

  private RequestOrigin() {}

  public static String of(HttpServletRequest request) {
    return of(
        request.getScheme(),
        request.getHeader("Host"),
        request.getServerName(),
        request.getServerPort());
  }

  /**
   * @param host the {@code Host} header, or {@code null} when the request had none (HTTP/1.0)
   * @param serverName the name the listener answers to, used without a {@code Host}
   * @param serverPort the listener's port, used without a {@code Host}
   */
  static String of(String scheme, String host, String serverName, int serverPort) {
    if (host != null && !host.isBlank()) {
      return scheme + "://" + host.strip();
    }
    String name =
        serverName.indexOf(':') >= 0 && !serverName.startsWith("[")
            ? "[" + serverName + "]"
            : serverName;
    boolean defaultPort =
        ("https".equals(scheme) && serverPort == 443)
            || ("http".equals(scheme) && serverPort == 80);
    return scheme + "://" + name + (defaultPort ? "" : ":" + serverPort);
  }
}
