package dev.gatehouse.console;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the one inline script the console's pages may run: the {@code <f:websocket>}
 * initialiser as Mojarra writes it, {@code faces.push.init('<id>','<push URL>',…);} with its {@code
 * <f:ajax>} behaviour ({@code function(event){mojarra.ab(…)}}). {@link SecurityHeadersFilter} gives
 * only such a script the page's nonce, so a script smuggled into a page in its shape cannot ride
 * it: the first argument must be the script's own id, the second the console's push endpoint, and
 * apart from string literals the script may use only the identifiers and punctuation Mojarra writes
 * — no operator, no template literal, no call but {@code faces.push.init}, {@code mojarra.ab} and
 * the behaviour's function literal.
 */
final class PushInitScript {

  /** An initialiser in a page: the script element's id and its text. */
  static final Pattern ELEMENT =
      Pattern.compile(
          "<script id=\"([A-Za-z][A-Za-z0-9_:\\-]*)\">(faces\\.push\\.init\\([^<>]*\\);)</script>");

  private static final Pattern HEAD =
      Pattern.compile("faces\\.push\\.init\\('([^'\\\\<>]*)','([^'\\\\<>]*)',");

  private static final Pattern STRING = Pattern.compile("'[^'\\\\<>`]*'");
  private static final Pattern NUMBER = Pattern.compile("\\b\\d+\\b");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private static final Set<String> IDENTIFIERS =
      Set.of(
          "faces",
          "push",
          "init",
          "mojarra",
          "ab",
          "function",
          "event",
          "this",
          "null",
          "true",
          "false",
          "undefined",
          "changed");

  private PushInitScript() {}

  private static boolean pushEndpoint(String url, String contextPath, String host, int port) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return false;
    }
    boolean sameOrigin =
        uri.getScheme() == null
            ? uri.getRawAuthority() == null
            : uri.getScheme().equals("wss")
                && host.equalsIgnoreCase(uri.getHost())
                && (uri.getPort() < 0 ? 443 : uri.getPort()) == port;
    return sameOrigin
        && uri.getRawPath() != null
        && uri.getRawPath().startsWith(contextPath + "/jakarta.faces.push/");
  }

  /**
   * Whether {@code script} (the element's text) is an initialiser for the element {@code id} that
   * connects to this console's push endpoint, and nothing else.
   *
   * @param contextPath the console's context path
   * @param host the host the page was asked for (Mojarra writes the push URL absolute, {@code
   *     wss://host:port/…}, from the request)
   * @param port that host's port
   */
  static boolean expected(String id, String script, String contextPath, String host, int port) {
    Matcher head = HEAD.matcher(script);
    if (!head.lookingAt()
        || !head.group(1).equals(id)
        || !pushEndpoint(head.group(2), contextPath, host, port)) {
      return false;
    }
    String code = STRING.matcher(script).replaceAll("''");
    code = NUMBER.matcher(code).replaceAll("0");
    Matcher identifiers = IDENTIFIER.matcher(code);
    while (identifiers.find()) {
      if (!IDENTIFIERS.contains(identifiers.group())) {
        return false;
      }
    }
    String punctuation = IDENTIFIER.matcher(code).replaceAll("").replace("''", "").replace("0", "");
    if (!punctuation.matches("[(){}\\[\\],:.]*;")) {
      return false;
    }
    // Calls only where Mojarra writes them: init( ab( and function(event).
    String calls = code.replace("faces.push.init(", "").replace("mojarra.ab(", "");
    calls = calls.replace("function(event)", "");
    return calls.indexOf('(') < 0;
  }
}
