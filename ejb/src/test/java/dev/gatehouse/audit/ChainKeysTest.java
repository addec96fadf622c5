package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainKeysTest {

  @TempDir Path dir;

  static byte[] key(int fill) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) fill);
    return k;
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void keyIdIsTheFirstEightBytesOfTheKeysSha256InHex() {
    // printf '\x01%.0s' {1..32} | sha256sum | cut -c1-16
    assertThat(ChainKeys.idOf(key(1))).isEqualTo("72cd6e8422c407fb");
  }

  @Test
  void readsTheActiveKeyAndRetiredKeysFromFilesAndDirectories() throws Exception {
    Path active = write("active.key", "# the chain key\n" + b64(key(1)) + "\n");
    Files.createDirectories(dir.resolve("retired"));
    Files.writeString(dir.resolve("retired/a.key"), b64(key(2)) + "\n" + b64(key(3)) + "\n");
    Path single = write("old.key", b64(key(4)));

    ChainKeys keys = ChainKeys.fromFiles(active.toString(), dir.resolve("retired") + ", " + single);

    assertThat(keys.activeId()).isEqualTo(ChainKeys.idOf(key(1)));
    assertThat(keys.ids())
        .containsExactlyInAnyOrder(
            ChainKeys.idOf(key(1)),
            ChainKeys.idOf(key(2)),
            ChainKeys.idOf(key(3)),
            ChainKeys.idOf(key(4)));
  }

  @Test
  void withoutConfigurationTheChainIsUnkeyed() {
    ChainKeys keys = ChainKeys.fromFiles(null, " ");

    assertThat(keys.activeId()).isNull();
    assertThat(keys.ids()).isEmpty();
  }

  @Test
  void refusesShortKeysTwoActiveKeysAndUnreadableFilesWithoutQuotingTheKey() throws Exception {
    Path shortKey = write("short.key", b64(new byte[16]));
    Path two = write("two.key", b64(key(1)) + "\n" + b64(key(2)));
    Path garbage = write("garbage.key", "not-base64-at-all!");

    assertThatThrownBy(() -> load(shortKey)).hasMessageContaining("at least 32 bytes");
    assertThatThrownBy(() -> load(two)).hasMessageContaining("exactly one key");
    assertThatThrownBy(() -> load(garbage))
        .hasMessageContaining("not base64")
        .hasNoCause()
        .message()
        .doesNotContain("not-base64-at-all");
    assertThatThrownBy(() -> load(dir.resolve("missing.key"))).hasMessageContaining("Cannot read");
  }

  private static ChainKeys load(Path active) {
    return ChainKeys.fromFiles(active.toString(), null);
  }

  private static String b64(byte[] raw) {
    return Base64.getEncoder().encodeToString(raw);
  }
}
