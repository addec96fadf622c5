package dev.gatehouse.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.Config;

/**
 * The keys of the audit chain's HMAC: the active key new records are sealed under, and retired keys
 * that older records still verify with. Keys come from files named in configuration, never from the
 * database (an intruder with write access to the database must not be able to read them) and never
 * appear in a log: only their ids do.
 *
 * <p>File format: one key per line, base64 of at least 32 random bytes ({@code openssl rand -base64
 * 32}); blank lines and lines starting with {@code #} are ignored. The active key file ({@code
 * gatehouse.audit.chain-key-file}) holds exactly one key; {@code
 * gatehouse.audit.chain-retired-key-files} is a comma-separated list of files or directories (every
 * regular file in a directory is read), each holding any number of keys.
 *
 * <p>A key's id is the hex of the first 8 bytes of the SHA-256 of the raw key ({@code base64 -d
 * chain.key | sha256sum | cut -c1-16}): short, stable, derived from the key alone, and no help in
 * guessing a 256-bit key.
 *
 * <p>Without a configured key the chain is plain SHA-256 (format v1), as before.
 */
public final class ChainKeys {

  static final String KEY_FILE = "gatehouse.audit.chain-key-file";
  static final String RETIRED_KEY_FILES = "gatehouse.audit.chain-retired-key-files";

  /** The fewest key bytes accepted: HMAC-SHA256 gains nothing from less than its output size. */
  static final int MIN_KEY_BYTES = 32;

  private static final ChainKeys NONE = new ChainKeys(null, Map.of());

  private final String activeId;
  private final Map<String, SecretKey> byId;

  private ChainKeys(String activeId, Map<String, SecretKey> byId) {
    this.activeId = activeId;
    this.byId = Collections.unmodifiableMap(byId);
  }

  /** No key: records are chained as plain SHA-256 (v1). */
  static ChainKeys none() {
    return NONE;
  }

  /**
   * A ring of raw keys: the first (may be null) is active, the rest retired. For tests and tools.
   */
  static ChainKeys of(byte[] active, byte[]... retired) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    String activeId = null;
    if (active != null) {
      activeId = put(keys, active);
    }
    for (byte[] r : retired) {
      put(keys, r);
    }
    return new ChainKeys(activeId, keys);
  }

  /**
   * The keys named by configuration.
   *
   * @throws IllegalStateException when a configured file is unreadable or holds no valid key: the
   *     deployment then fails rather than chain unkeyed records an operator believes keyed
   */
  static ChainKeys fromConfig(Config config) {
    return fromFiles(
        config.getOptionalValue(KEY_FILE, String.class).orElse(null),
        config.getOptionalValue(RETIRED_KEY_FILES, String.class).orElse(null));
  }

  /**
   * The keys of the files named as in configuration.
   *
   * @param activeFile the active key's file, or null
   * @param retired comma-separated files or directories of retired keys, or null
   */
  static ChainKeys fromFiles(String activeFile, String retired) {
    if (activeFile != null && activeFile.isBlank()) {
      activeFile = null;
    }
    List<Path> retiredFiles = new ArrayList<>();
    for (String entry : (retired == null ? "" : retired).split(",")) {
      if (!entry.isBlank()) {
        retiredFiles.addAll(files(Path.of(entry.strip())));
      }
    }
    if (activeFile == null && retiredFiles.isEmpty()) {
      return NONE;
    }
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    String activeId = null;
    if (activeFile != null) {
      List<byte[]> active = read(Path.of(activeFile.strip()));
      if (active.size() != 1) {
        throw new IllegalStateException(
            "The audit chain key file " + activeFile + " must hold exactly one key");
      }
      activeId = put(keys, active.get(0));
    }
    for (Path file : retiredFiles) {
      for (byte[] key : read(file)) {
        put(keys, key);
      }
    }
    return new ChainKeys(activeId, keys);
  }

  /** The id of the key new records are sealed under, or null (v1, unkeyed). */
  String activeId() {
    return activeId;
  }

  /** The key with that id, or null when this ring does not hold it. */
  SecretKey key(String id) {
    return byId.get(id);
  }

  /** Every key id this ring can verify. */
  Set<String> ids() {
    return byId.keySet();
  }

  static String idOf(byte[] key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String put(Map<String, SecretKey> keys, byte[] raw) {
    if (raw.length < MIN_KEY_BYTES) {
      throw new IllegalStateException(
          "An audit chain key must be at least " + MIN_KEY_BYTES + " bytes");
    }
    String id = idOf(raw);
    keys.putIfAbsent(id, new SecretKeySpec(raw, "HmacSHA256"));
    return id;
  }

  private static List<Path> files(Path entry) {
    if (!Files.isDirectory(entry)) {
      return List.of(entry);
    }
    try (Stream<Path> listed = Files.list(entry)) {
      return listed.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list the retired audit chain keys in " + entry, e);
    }
  }

  /** The keys of a file; the message never carries the file's content. */
  private static List<byte[]> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the audit chain key file " + file, e);
    }
    List<byte[]> keys = new ArrayList<>();
    for (String line : text.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      try {
        keys.add(Base64.getDecoder().decode(trimmed));
      } catch (IllegalArgumentException e) {
        // without the cause: its message quotes a character of the key
        throw new IllegalStateException(
            "The audit chain key file " + file + " holds a line that is not base64");
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalStateException("The audit chain key file " + file + " holds no key");
    }
    return keys;
  }
}
