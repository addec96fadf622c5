package dev.gatehouse.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

  private static final String K1 = "k1=" + Base64.getEncoder().encodeToString(new byte[32]);
  private static final String K2 = "k2=" + Base64.getEncoder().encodeToString(filled(7));

  private static byte[] filled(int value) {
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, (byte) value);
    return key;
  }

  @Test
  void sealsUnderTheActiveKeyAndOpensAgain() {
    SecretCipher cipher = SecretCipher.ofKeyRing(K1, null);
    SealedSecret sealed = cipher.seal("s3cret-value", "conn-1");
    assertThat(sealed.keyId()).isEqualTo("k1");
    assertThat(sealed.ciphertext()).doesNotContain("s3cret");
    assertThat(cipher.open(sealed, "conn-1")).isEqualTo("s3cret-value");
  }

  @Test
  void usesAFreshNonceEachTime() {
    SecretCipher cipher = SecretCipher.ofKeyRing(K1, null);
    assertThat(cipher.seal("same", "c").ciphertext())
        .isNotEqualTo(cipher.seal("same", "c").ciphertext());
  }

  @Test
  void refusesToOpenASecretMovedToAnotherConnection() {
    SecretCipher cipher = SecretCipher.ofKeyRing(K1, null);
    SealedSecret sealed = cipher.seal("s3cret", "conn-1");
    assertThatThrownBy(() -> cipher.open(sealed, "conn-2"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesToOpenATamperedCiphertext() {
    SecretCipher cipher = SecretCipher.ofKeyRing(K1, null);
    SealedSecret sealed = cipher.seal("s3cret", "c");
    byte[] raw = Base64.getDecoder().decode(sealed.ciphertext());
    raw[raw.length - 1] ^= 1;
    SealedSecret tampered = new SealedSecret("k1", Base64.getEncoder().encodeToString(raw));
    assertThatThrownBy(() -> cipher.open(tampered, "c")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void opensSecretsSealedUnderAnOlderKeyAfterRotation() {
    SealedSecret old = SecretCipher.ofKeyRing(K1, null).seal("s3cret", "c");
    SecretCipher rotated = SecretCipher.ofKeyRing(K2 + "\n" + K1, "k2");
    assertThat(rotated.activeKeyId()).isEqualTo("k2");
    assertThat(rotated.open(old, "c")).isEqualTo("s3cret");
  }

  @Test
  void rejectsKeysThatAreNotAes256() {
    assertThatThrownBy(
            () ->
                SecretCipher.ofKeyRing(
                    "k=" + Base64.getEncoder().encodeToString(new byte[16]), null))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theActiveKeyDirectoryOfTheRingChoosesTheSealingKey() {
    SecretCipher cipher = SecretCipher.ofKeyRing(K1 + "\n" + K2 + "\nactive-key-id=k2\n", null);
    assertThat(cipher.activeKeyId()).isEqualTo("k2");
    assertThat(cipher.seal("x", "c").keyId()).isEqualTo("k2");
  }

  @Test
  void theConfiguredActiveKeyWinsOverTheRingDirective() {
    SecretCipher cipher = SecretCipher.ofKeyRing(K1 + "\n" + K2 + "\nactive-key-id=k2\n", "k1");
    assertThat(cipher.activeKeyId()).isEqualTo("k1");
  }

  @Test
  void fingerprintsAreShortKeyedAndNotAPlainHash() throws Exception {
    SecretCipher one = SecretCipher.ofKeyRing(K1, null);
    SecretCipher two = SecretCipher.ofKeyRing(K2, null);
    String plainHash =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .substring(0, 8);

    assertThat(one.fingerprint("abc")).hasSize(8).matches("[0-9a-f]{8}");
    assertThat(one.fingerprint("abc")).isEqualTo(one.fingerprint("abc"));
    assertThat(one.fingerprint("abc")).isNotEqualTo(one.fingerprint("abd"));
    assertThat(one.fingerprint("abc")).isNotEqualTo(two.fingerprint("abc"));
    assertThat(one.fingerprint("abc")).isNotEqualTo(plainHash);
  }
}
