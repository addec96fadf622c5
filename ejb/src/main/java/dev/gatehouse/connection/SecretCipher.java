package dev.gatehouse.connection;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seals and opens backend secrets with AES-256-GCM under keys that come from configuration (an
 * environment variable or a file), never from the database. Each ciphertext is bound to its
 * connection's id as associated data, so a sealed secret copied onto another row does not open.
 *
 * <p>Key ring format, one key per line: {@code <keyId>=<base64 of 32 bytes>}. The active key (for
 * sealing) is {@code gatehouse.secrets.active-key-id}, else the one a line {@code
 * active-key-id=<keyId>} of the ring names, else the first key; every listed key can open.
 *
 * <p>Rotation: add a key to the key file, make it active, then {@link #reload()} (the admin API's
 * {@code rotate-secrets} does this) and re-seal. A ciphertext under a key id this instance does not
 * know yet triggers one reload, so other instances follow a rotation without a restart.
 *
 * <p>Fingerprints are HMAC-SHA256 under a key derived from the active key, so a short secret cannot
 * be guessed offline from its fingerprint; they change when the active key changes.
 */
@ApplicationScoped
public class SecretCipher {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject
  @ConfigProperty(name = "gatehouse.secrets.key-file")
  Optional<String> keyFile;

  @Inject
  @ConfigProperty(name = "gatehouse.secrets.keys")
  Optional<String> inlineKeys;

  @Inject
  @ConfigProperty(name = "gatehouse.secrets.active-key-id")
  Optional<String> activeKeyId;

  private static final String ACTIVE_DIRECTIVE = "active-key-id";

  private volatile Map<String, SecretKey> keys;
  private volatile String activeKey;
  private String fixedRing;

  public SecretCipher() {}

  /** For tests and tools: a cipher over a key ring given as text. */
  public static SecretCipher ofKeyRing(String keyRing, String activeKeyId) {
    SecretCipher cipher = new SecretCipher();
    cipher.fixedRing = keyRing;
    cipher.activeKeyId = Optional.ofNullable(activeKeyId);
    cipher.load(keyRing, activeKeyId);
    return cipher;
  }

  @PostConstruct
  void init() {
    load(currentRing(), activeKeyId.orElse(null));
  }

  /** Reads the key ring again (after an operator added or activated a key). */
  public synchronized void reload() {
    load(currentRing(), activeKeyId.orElse(null));
  }

  private String currentRing() {
    if (fixedRing != null) {
      return fixedRing;
    }
    return inlineKeys
        .filter(s -> !s.isBlank())
        .orElseGet(
            () ->
                keyFile
                    .map(SecretCipher::read)
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "No secrets key configured: set gatehouse.secrets.key-file"
                                    + " or gatehouse.secrets.keys")));
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the secrets key file " + file, e);
    }
  }

  private void load(String ring, String wantedActive) {
    Map<String, SecretKey> parsed = new LinkedHashMap<>();
    String directive = null;
    for (String line : ring.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      if (eq <= 0) {
        throw new IllegalStateException("A secrets key line must read <keyId>=<base64 key>");
      }
      if (trimmed.substring(0, eq).strip().equals(ACTIVE_DIRECTIVE)) {
        directive = trimmed.substring(eq + 1).strip();
        continue;
      }
      byte[] raw = Base64.getDecoder().decode(trimmed.substring(eq + 1).strip());
      if (raw.length != 32) {
        throw new IllegalStateException("Secrets keys must be 32 bytes (AES-256)");
      }
      parsed.put(trimmed.substring(0, eq).strip(), new SecretKeySpec(raw, "AES"));
    }
    if (parsed.isEmpty()) {
      throw new IllegalStateException("The secrets key ring is empty");
    }
    String active =
        wantedActive != null && !wantedActive.isBlank()
            ? wantedActive
            : directive != null ? directive : parsed.keySet().iterator().next();
    if (!parsed.containsKey(active)) {
      throw new IllegalStateException("The active secrets key id is not in the key ring");
    }
    this.keys = Map.copyOf(parsed);
    this.activeKey = active;
  }

  /** Seals {@code plaintext} under the active key, bound to {@code boundTo}. */
  public SealedSecret seal(String plaintext, String boundTo) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKey), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return new SealedSecret(activeKey, Base64.getEncoder().encodeToString(out));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Sealing a secret failed", e);
    }
  }

  /**
   * Opens a sealed secret.
   *
   * @throws IllegalStateException when the key is unknown or the ciphertext or binding was altered
   */
  public String open(SealedSecret sealed, String boundTo) {
    SecretKey key = keys.get(sealed.keyId());
    if (key == null && fixedRing == null) {
      reload();
      key = keys.get(sealed.keyId());
    }
    if (key == null) {
      throw new IllegalStateException("Secret sealed under unknown key id " + sealed.keyId());
    }
    try {
      byte[] in = Base64.getDecoder().decode(sealed.ciphertext());
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("A sealed secret did not open (altered or misbound)", e);
    }
  }

  /**
   * A short, non-reversible fingerprint of a secret: the first 8 hex digits of HMAC-SHA256 under a
   * key derived from the active key. Lets an operator tell whether the secret changed.
   */
  public String fingerprint(String plaintext) {
    try {
      Mac derive = Mac.getInstance("HmacSHA256");
      derive.init(keys.get(activeKey));
      byte[] fingerprintKey =
          derive.doFinal("gatehouse secret fingerprint".getBytes(StandardCharsets.UTF_8));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(fingerprintKey, "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Fingerprinting a secret failed", e);
    }
  }

  /** The id of the key new secrets are sealed under. */
  public String activeKeyId() {
    return activeKey;
  }
}
