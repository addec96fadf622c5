package dev.gatehouse.api.proxy;

import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.exchange.ProxyExchange;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies the backend's body to the caller as it arrives, flushing after every read so that a
 * server-sent event is passed on the moment the backend sends it, and ends the exchange (completing
 * its audit record) with the number of bytes written.
 *
 * <p>If the backend breaks off before anything was written to the caller, the answer is a 502
 * {@code upstream_failed} problem document. If it breaks off later, mid-body, the exchange ends as
 * an error and the caller's response is aborted rather than ended cleanly, so a truncated answer
 * never looks complete. If the caller goes away, the exchange ends as an error and the backend
 * stream is closed.
 */
final class RelayedBody implements StreamingOutput {

  private static final int CHUNK = 8192;

  private final InputStream upstream;
  private final ProxyExchange exchange;
  private final Runnable abortCaller;

  /**
   * @param abortCaller breaks off the caller's connection without ending the response (see {@link
   *     CallerConnectionAbort}); run when the backend fails after part of the body was relayed
   */
  RelayedBody(InputStream upstream, ProxyExchange exchange, Runnable abortCaller) {
    this.upstream = upstream;
    this.exchange = exchange;
    this.abortCaller = abortCaller;
  }

  @Override
  public void write(OutputStream caller) throws IOException {
    byte[] buffer = new byte[CHUNK];
    long written = 0;
    try (InputStream in = upstream) {
      while (true) {
        int n;
        try {
          n = in.read(buffer);
        } catch (IOException backendFailure) {
          if (written == 0) {
            // Nothing reached the caller yet, so the answer can still be an honest 502.
            GatewayRefusal refusal =
                GatewayRefusal.upstreamError(
                    502, "upstream_failed", "The backend broke off the exchange.", backendFailure);
            refusal.recordedAs(exchange.auditId());
            exchange.refuse(refusal);
            throw refusal;
          }
          exchange.finishRelay(written, backendFailure);
          // Jersey would end the committed response normally after this exception; the caller
          // must instead see the connection break before the body's end.
          abortCaller.run();
          throw backendFailure;
        }
        if (n < 0) {
          break;
        }
        try {
          caller.write(buffer, 0, n);
          caller.flush();
        } catch (IOException callerGone) {
          exchange.finishRelay(written, callerGone);
          throw callerGone;
        }
        written += n;
      }
    }
    exchange.finishRelay(written, null);
  }
}
