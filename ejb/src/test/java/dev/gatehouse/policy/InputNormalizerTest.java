package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputNormalizerTest {

  @Test
  void decodesPercentEncodingRepeatedlyAndLeavesStrayPercentSigns() {
    assertThat(InputNormalizer.normalize("a%2520b")).isEqualTo("a b");
    assertThat(InputNormalizer.normalize("100% sure %zz")).isEqualTo("100% sure %zz");
    assertThat(InputNormalizer.normalize("%E2%9C%93")).isEqualTo("✓");
  }

  @Test
  void foldsCompatibilityFormsAndRemovesInvisibleCharacters() {
    assertThat(InputNormalizer.normalize("ｒｍ　－ｒｆ")).isEqualTo("rm -rf");
    assertThat(InputNormalizer.normalize("ﬁle")).isEqualTo("file");
    assertThat(InputNormalizer.normalize("s\u200Bu\u200Cd\u200Do\u2060\uFEFF")).isEqualTo("sudo");
  }

  @Test
  void foldsCase() {
    assertThat(InputNormalizer.fold("Straße")).isEqualTo("strasse");
  }
}
