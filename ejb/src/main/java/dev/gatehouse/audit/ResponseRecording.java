package dev.gatehouse.audit;

import dev.gatehouse.exchange.ProxyResponse;
import java.util.List;
import java.util.Map;

/**
 * What the audit keeps of a response while it is relayed: status and headers, and a capped copy of
 * the body taken from the relayed stream.
 */
public final class ResponseRecording {

  private final int maxBytes;
  private volatile ProxyResponse response;
  private volatile BodyCapture capture;

  ResponseRecording(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The response with its body teed into this recording. */
  ProxyResponse tap(ProxyResponse upstream) {
    this.capture = new BodyCapture(maxBytes);
    this.response = upstream;
    return upstream.withBody(new TeeInputStream(upstream.body(), capture));
  }

  boolean responded() {
    return response != null;
  }

  int status() {
    return response.status();
  }

  Map<String, List<String>> headers() {
    return response.headers();
  }

  BodyCapture capture() {
    return capture;
  }
}
