package dev.gatehouse.policy.masking;

import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 that arrives in chunks, a character split across two chunks included, through the
 * JDK's string decoder (which copies ASCII in bulk) rather than a {@code CharsetDecoder} and a
 * {@code CharBuffer} appended char by char. Malformed input becomes U+FFFD, as with {@code
 * CodingErrorAction.REPLACE}; the masker sees and re-encodes exactly the text decoded here.
 */
final class Utf8Chunks {

  /** Bytes of a sequence that the last chunk ended in the middle of. */
  private final byte[] carry = new byte[4];

  private int carried;

  /** The text of {@code bytes[0, n)} after what was carried, up to its last complete character. */
  String decode(byte[] bytes, int n) {
    byte[] input = bytes;
    int length = n;
    if (carried > 0) {
      input = new byte[carried + n];
      System.arraycopy(carry, 0, input, 0, carried);
      System.arraycopy(bytes, 0, input, carried, n);
      length = carried + n;
      carried = 0;
    }
    int complete = completeUpTo(input, length);
    carried = length - complete;
    System.arraycopy(input, complete, carry, 0, carried);
    return new String(input, 0, complete, StandardCharsets.UTF_8);
  }

  /** What is still carried, decoded (a truncated sequence becomes U+FFFD): the stream ended. */
  String finish() {
    String rest = new String(carry, 0, carried, StandardCharsets.UTF_8);
    carried = 0;
    return rest;
  }

  /**
   * Where the last complete character of {@code bytes[0, length)} ends: before a lead byte at most
   * three bytes from the end whose sequence is cut short. Anything malformed is left to the
   * decoder.
   */
  static int completeUpTo(byte[] bytes, int length) {
    for (int back = 1; back <= 3 && back <= length; back++) {
      int b = bytes[length - back] & 0xff;
      if (b < 0x80) {
        return length;
      }
      if (b >= 0xc0) {
        int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
        return needed > back ? length - back : length;
      }
    }
    return length;
  }
}
