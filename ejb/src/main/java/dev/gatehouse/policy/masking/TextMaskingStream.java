package dev.gatehouse.policy.masking;

import dev.gatehouse.exchange.HandOutStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Masks a textual response body as it streams: each read decodes what the backend sent, masks it
 * and hands out everything before the {@link HoldBack hold-back point}. Memory is bounded by the
 * read size plus the hold-back window; nothing is buffered whole.
 *
 * <p>Fails closed: if a detector throws, or an open PEM block outgrows its window, the next read
 * throws {@link MaskingFailed} and nothing further is handed out.
 */
public final class TextMaskingStream extends HandOutStream {

  private static final int READ = 8192;

  private final InputStream upstream;
  private final Masker masker;
  private final HoldBack holdBack;
  private final Charset charset;
  private final CharsetDecoder decoder;

  /** For UTF-8, the faster decoder; {@code null} for other charsets. */
  private final Utf8Chunks utf8;

  private final MaskingListener listener;
  private final Set<String> reported = new HashSet<>();

  private final byte[] readBuffer = new byte[READ];
  private ByteBuffer undecoded = ByteBuffer.allocate(READ + 8);
  private final StringBuilder pending = new StringBuilder();
  private boolean upstreamDone;

  public TextMaskingStream(
      InputStream upstream,
      Masker masker,
      Charset charset,
      int window,
      int pemWindow,
      MaskingListener listener) {
    this.upstream = upstream;
    this.masker = masker;
    this.holdBack = new HoldBack(window, pemWindow);
    this.charset = charset;
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    this.utf8 = charset.equals(StandardCharsets.UTF_8) ? new Utf8Chunks() : null;
    this.listener = listener;
  }

  @Override
  protected void fill() throws IOException {
    if (!upstreamDone) {
      int n = upstream.read(readBuffer);
      if (n < 0) {
        upstreamDone = true;
        decodeRest();
      } else {
        decode(readBuffer, n);
      }
    }
    try {
      // One copy as a String: the masker reads it and the released text is cut from it in bulk.
      String text = pending.toString();
      List<Finding> findings = masker.find(text);
      int point = upstreamDone ? text.length() : holdBack.safePoint(pending, findings);
      if (point == 0 && !upstreamDone) {
        handOut(new byte[0]);
        return;
      }
      boolean masked = false;
      for (Finding f : findings) {
        if (f.start() < point) {
          masked = true;
          if (reported.add(f.detector().name())) {
            listener.masked(f.detector());
          }
        }
      }
      String released =
          masked ? masker.render(text, findings, 0, point, 0) : text.substring(0, point);
      pending.delete(0, point);
      handOut(released.getBytes(charset));
      if (upstreamDone) {
        finish();
      }
    } catch (MaskingFailed e) {
      fail(e);
    } catch (RuntimeException e) {
      fail(new MaskingFailed("A masking detector failed", e));
    }
  }

  private void fail(MaskingFailed e) throws MaskingFailed {
    recordFailure(e);
    pending.setLength(0);
    listener.failed(e);
    throw e;
  }

  private void decode(byte[] bytes, int n) {
    if (utf8 != null) {
      pending.append(utf8.decode(bytes, n));
      return;
    }
    if (undecoded.remaining() < n) {
      ByteBuffer bigger = ByteBuffer.allocate(undecoded.position() + n + 8);
      undecoded.flip();
      bigger.put(undecoded);
      undecoded = bigger;
    }
    undecoded.put(bytes, 0, n);
    undecoded.flip();
    CharBuffer chars = CharBuffer.allocate(undecoded.remaining() + 8);
    decoder.decode(undecoded, chars, false);
    chars.flip();
    pending.append(chars);
    undecoded.compact();
  }

  private void decodeRest() {
    if (utf8 != null) {
      pending.append(utf8.finish());
      return;
    }
    undecoded.flip();
    CharBuffer chars = CharBuffer.allocate(undecoded.remaining() + 8);
    decoder.decode(undecoded, chars, true);
    decoder.flush(chars);
    chars.flip();
    pending.append(chars);
    undecoded.clear();
  }

  @Override
  public void close() throws IOException {
    upstream.close();
  }
}
