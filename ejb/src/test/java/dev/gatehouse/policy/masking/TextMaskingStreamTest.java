package dev.gatehouse.policy.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextMaskingStreamTest {

  private static final String KEY = "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
  private static final String BODY =
      "{\"reply\":\"use "
          + KEY
          + " and mail alice@example.com, card 4111 1111 1111 1111\",\"n\":1}\n"
          + "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIGq8sQ1UZ9Ra4Y0pj\n"
          + "-----END PRIVATE KEY-----\ndone";

  private final Masker masker = Masker.redacting();

  private String drain(InputStream upstream) throws IOException {
    try (InputStream in =
        new TextMaskingStream(
            upstream, masker, StandardCharsets.UTF_8, 8192, 16384, MaskingListener.NONE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void masksSecretsSplitAtEveryChunkBoundary() throws IOException {
    String expected = masker.mask(BODY);
    assertThat(expected).doesNotContain(KEY).contains("[ANTHROPIC_KEY]").contains("[PRIVATE_KEY]");
    for (int split = 1; split < BODY.length(); split++) {
      String out = drain(Chunks.of(BODY.substring(0, split), BODY.substring(split)));
      assertThat(out).as("split at %d", split).isEqualTo(expected);
    }
  }

  @Test
  void masksWhenFedOneByteAtATime() throws IOException {
    assertThat(drain(Chunks.bytewise(BODY))).isEqualTo(masker.mask(BODY));
  }

  @Test
  void keepsMultiByteCharactersSplitAcrossReads() throws IOException {
    String text = "grüße — 日本語 alice@example.com ✓";
    assertThat(drain(Chunks.bytewise(text))).isEqualTo("grüße — 日本語 [EMAIL] ✓");
  }

  @Test
  void releasesTextBeforeTheEndOfTheStream() throws IOException {
    Chunks upstream = Chunks.of("hello world ", "and more ", "text");
    try (InputStream in =
        new TextMaskingStream(
            upstream, masker, StandardCharsets.UTF_8, 8192, 16384, MaskingListener.NONE)) {
      byte[] first = new byte[100];
      int n = in.read(first);
      assertThat(new String(first, 0, n, StandardCharsets.UTF_8)).isEqualTo("hello world ");
      assertThat(upstream.reads).isEqualTo(1);
    }
  }

  @Test
  void holdsNoMoreThanTheWindowOfAnUnbrokenRun() throws IOException {
    String run = "x".repeat(40_000);
    Chunks upstream = Chunks.of(run.substring(0, 20_000), run.substring(20_000));
    try (InputStream in =
        new TextMaskingStream(
            upstream, masker, StandardCharsets.UTF_8, 8192, 16384, MaskingListener.NONE)) {
      byte[] buffer = new byte[40_000];
      int n = in.read(buffer);
      assertThat(n).isEqualTo(16_384 - 8192);
    }
  }

  @Test
  void failsClosedWhenADetectorThrows() {
    Detector broken =
        new Detector(
            "broken",
            "X",
            com.google.re2j.Pattern.compile("secret"),
            0,
            (text, start, end) -> {
              throw new IllegalStateException("boom");
            },
            List.of());
    Masker failing = new Masker(List.of(broken), MaskStyle.REDACT, new byte[16]);
    InputStream in =
        new TextMaskingStream(
            Chunks.of("a secret here "),
            failing,
            StandardCharsets.UTF_8,
            8192,
            16384,
            MaskingListener.NONE);
    assertThatThrownBy(in::readAllBytes).isInstanceOf(MaskingFailed.class);
  }

  @Test
  void failsClosedWhenAnOpenPemBlockOutgrowsItsWindow() {
    String open = "-----BEGIN PRIVATE KEY-----\n" + "QUJD\n".repeat(5000);
    InputStream in =
        new TextMaskingStream(
            Chunks.of(open.substring(0, 10_000), open.substring(10_000), "more"),
            masker,
            StandardCharsets.UTF_8,
            8192,
            16384,
            MaskingListener.NONE);
    assertThatThrownBy(in::readAllBytes).isInstanceOf(MaskingFailed.class);
  }
}
