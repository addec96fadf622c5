package dev.gatehouse.api.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Judges how a request is framed and how large its header block is — the request-smuggling surface.
 * A front proxy and this server must never disagree on where a request ends, so anything two
 * parsers could read differently is refused rather than interpreted (RFC 9112 §6.1, §6.3):
 *
 * <ul>
 *   <li>both {@code Content-Length} and {@code Transfer-Encoding}: 400 {@code ambiguous_framing}
 *       (Payara's Grizzly drops the Content-Length of a chunked request before any filter runs, so
 *       there this cannot be seen; {@link #closesConnection} covers that case);
 *   <li>a {@code Transfer-Encoding} other than exactly one {@code chunked}: 501 {@code
 *       unsupported_transfer_encoding} (the container would otherwise read no body and take the
 *       bytes that follow for the next request);
 *   <li>more than one {@code Content-Length}: 400 {@code ambiguous_framing};
 *   <li>a request line plus headers longer than the bound: 431 {@code headers_too_large}.
 * </ul>
 *
 * <p>Assumes the container has already refused what it cannot parse at all (bare CR or LF, a space
 * before a colon, conflicting Content-Length values, a header block over its own larger bound):
 * those never reach application code.
 */
public final class RequestFraming {

  /** A refusal: the status, the problem reason and its detail. */
  public record Refusal(int status, String reason, String detail) {}

  private RequestFraming() {}

  /**
   * True for a chunked request: its connection is closed after the response. Whether it also
   * carried a Content-Length cannot be known here (see above), and RFC 9112 §6.3 requires the
   * connection to be closed after such a request, so that whatever a front proxy took for this
   * request's body is never served as a next request.
   */
  public static boolean closesConnection(Map<String, List<String>> headers) {
    return headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("transfer-encoding"));
  }

  /**
   * @param requestLineLength length of method, target and protocol
   * @param headers header names (any case) and their values, in order
   * @param maxHeaderBytes the bound on request line plus header lines
   */
  public static Optional<Refusal> judge(
      int requestLineLength, Map<String, List<String>> headers, int maxHeaderBytes) {
    long size = requestLineLength + 2L;
    List<String> transferEncodings = List.of();
    List<String> contentLengths = List.of();
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      for (String value : header.getValue()) {
        size += name.length() + 2L + value.length() + 2L;
      }
      if (name.equals("transfer-encoding")) {
        transferEncodings = header.getValue();
      } else if (name.equals("content-length")) {
        contentLengths = header.getValue();
      }
    }
    if (size > maxHeaderBytes) {
      return Optional.of(
          new Refusal(
              431,
              "headers_too_large",
              "The request line and headers exceed " + maxHeaderBytes + " bytes."));
    }
    if (!transferEncodings.isEmpty() && !contentLengths.isEmpty()) {
      return Optional.of(
          new Refusal(
              400,
              "ambiguous_framing",
              "The request has both Content-Length and Transfer-Encoding."));
    }
    if (contentLengths.size() > 1 || contentLengths.stream().anyMatch(v -> v.contains(","))) {
      return Optional.of(
          new Refusal(400, "ambiguous_framing", "The request has more than one Content-Length."));
    }
    if (!transferEncodings.isEmpty()
        && (transferEncodings.size() > 1
            || !transferEncodings.get(0).strip().equalsIgnoreCase("chunked"))) {
      return Optional.of(
          new Refusal(
              501,
              "unsupported_transfer_encoding",
              "Only 'Transfer-Encoding: chunked' is accepted."));
    }
    return Optional.empty();
  }
}
