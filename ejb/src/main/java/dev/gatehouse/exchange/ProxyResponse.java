package dev.gatehouse.exchange;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * What goes back to the caller: the backend's status and end-to-end headers, and its body as a
 * stream that is relayed, never read whole. Interceptors may replace the body with a wrapping
 * stream (masking).
 *
 * @param status the backend's status code
 * @param headers end-to-end response headers, names in lower case
 * @param body the backend's body; closed by whoever relays it
 */
public record ProxyResponse(int status, Map<String, List<String>> headers, InputStream body) {

  public ProxyResponse {
    headers = Map.copyOf(headers);
  }

  public ProxyResponse withBody(InputStream replacement) {
    return new ProxyResponse(status, headers, replacement);
  }
}
