package dev.gatehouse.exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An exchange's request body: read once, lazily, at most a bound long, and counted against the
 * instance's {@link BodyMemory} as it is read, chunk by chunk, so that the total held stays bounded
 * whatever callers declare.
 */
final class RequestBody {

  private static final int CHUNK = 64 * 1024;

  private final InputStream stream;
  private final BodyMemory memory;
  private byte[] bytes;
  private long received = -1;
  private long reserved;

  RequestBody(InputStream stream, BodyMemory memory) {
    this.stream = stream;
    this.memory = memory;
  }

  /**
   * The body, read on the first call.
   *
   * @throws GatewayRefusal 413 {@code request_too_large} when it is longer than {@code maxBytes},
   *     503 {@code gateway_busy} when the instance holds as many body bytes as it may, 400 {@code
   *     request_body_unreadable} when it broke off
   */
  synchronized byte[] read(long maxBytes) {
    if (bytes != null) {
      return bytes;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[(int) Math.min(CHUNK, maxBytes + 1)];
    try {
      for (int n = stream.readNBytes(chunk, 0, chunk.length);
          n > 0;
          n = stream.readNBytes(chunk, 0, chunk.length)) {
        if (out.size() + (long) n > maxBytes) {
          throw GatewayRefusal.refused(
              413, "request_too_large", "The request body exceeds " + maxBytes + " bytes.");
        }
        if (!memory.reserve(n)) {
          throw GatewayRefusal.refused(
              503,
              "gateway_busy",
              "The gateway holds as many request bodies as it may; try again shortly.");
        }
        reserved += n;
        out.write(chunk, 0, n);
      }
    } catch (IOException e) {
      throw GatewayRefusal.refused(400, "request_body_unreadable", "The request body broke off.");
    } catch (GatewayRefusal refusal) {
      release();
      throw refusal;
    }
    bytes = out.toByteArray();
    received = bytes.length;
    return bytes;
  }

  /**
   * Puts {@code replacement} in place of the body read, to be forwarded, checked and recorded from
   * now on; a replacement longer than what is counted already is counted for its extra bytes.
   *
   * @throws IllegalStateException when the body has not been read
   * @throws GatewayRefusal 503 {@code gateway_busy} when the budget cannot hold the extra bytes
   */
  synchronized void replace(byte[] replacement) {
    if (bytes == null) {
      throw new IllegalStateException("Only a body that has been read can be replaced.");
    }
    long extra = replacement.length - reserved;
    if (extra > 0) {
      if (!memory.reserve(extra)) {
        throw GatewayRefusal.refused(
            503,
            "gateway_busy",
            "The gateway holds as many request bodies as it may; try again shortly.");
      }
      reserved += extra;
    }
    bytes = replacement.clone();
  }

  /** How many bytes the caller sent, once read (a replacement does not change it), else -1. */
  synchronized long received() {
    return received;
  }

  /** The body if it has been read (and was within bounds), else {@code null}. */
  synchronized byte[] ifRead() {
    return bytes;
  }

  /** Gives the body's bytes back to the budget (the exchange has ended); idempotent. */
  synchronized void release() {
    memory.release(reserved);
    reserved = 0;
  }
}
