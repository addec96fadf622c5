package dev.gatehouse.policy.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8ChunksTest {

  /** Decodes {@code bytes} cut into chunks at each of {@code cuts} (ascending). */
  private static String decodeInChunks(byte[] bytes, int... cuts) {
    Utf8Chunks chunks = new Utf8Chunks();
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (int cut : cuts) {
      byte[] chunk = new byte[cut - from];
      System.arraycopy(bytes, from, chunk, 0, chunk.length);
      out.append(chunks.decode(chunk, chunk.length));
      from = cut;
    }
    byte[] last = new byte[bytes.length - from];
    System.arraycopy(bytes, from, last, 0, last.length);
    out.append(chunks.decode(last, last.length));
    return out.append(chunks.finish()).toString();
  }

  @Test
  void decodesEveryCharacterCutAtEveryByteAsTheWholeWouldBe() {
    byte[] text = "a é € 😀 z".getBytes(StandardCharsets.UTF_8);
    for (int cut = 0; cut <= text.length; cut++) {
      assertThat(decodeInChunks(text, cut)).isEqualTo("a é € 😀 z");
    }
  }

  @Test
  void replacesMalformedInputExactlyAsTheWholeDecodeDoes() {
    Random random = new Random(5);
    byte[] pieces = {
      'a',
      ' ',
      (byte) 0xc3,
      (byte) 0xa9,
      (byte) 0xe2,
      (byte) 0x82,
      (byte) 0xac,
      (byte) 0xf0,
      (byte) 0x9f,
      (byte) 0x98,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0xff,
      (byte) 0xc0
    };
    for (int round = 0; round < 2000; round++) {
      byte[] bytes = new byte[random.nextInt(24)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = pieces[random.nextInt(pieces.length)];
      }
      String whole = new String(bytes, StandardCharsets.UTF_8);
      for (int cut = 0; cut <= bytes.length; cut++) {
        int second = Math.min(bytes.length, cut + random.nextInt(4));
        assertThat(decodeInChunks(bytes, cut, second))
            .as("round %d cut %d", round, cut)
            .isEqualTo(whole);
      }
    }
  }
}
