package dev.gatehouse.demo.issuer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The issuer's key directory: {@code private.pem} (PKCS#8, owner-only), {@code public.pem} (X.509
 * SubjectPublicKeyInfo, handed to the gateway) and {@code kid}. The key id is derived from the
 * public key so that a regenerated key can never be confused with the old one.
 */
final class IssuerKeys {

  static final int RSA_KEY_BITS = 3072;
  static final String PRIVATE_KEY_FILE = "private.pem";
  static final String PUBLIC_KEY_FILE = "public.pem";
  static final String KID_FILE = "kid";

  private static final Set<PosixFilePermission> OWNER_READ_WRITE =
      PosixFilePermissions.fromString("rw-------");
  private static final int KID_DIGEST_BYTES = 12;

  private final Path directory;

  IssuerKeys(Path directory) {
    this.directory = directory;
  }

  Path privateKeyFile() {
    return directory.resolve(PRIVATE_KEY_FILE);
  }

  Path publicKeyFile() {
    return directory.resolve(PUBLIC_KEY_FILE);
  }

  Path kidFile() {
    return directory.resolve(KID_FILE);
  }

  /**
   * Generates the key pair unless all three files already exist.
   *
   * @return {@code true} if keys were generated, {@code false} if existing keys were left alone
   * @throws IssuerException if only some of the files exist, or the files cannot be written
   */
  boolean initialize() throws IssuerException {
    List<Path> files = List.of(privateKeyFile(), publicKeyFile(), kidFile());
    long existing = files.stream().filter(Files::exists).count();
    if (existing == files.size()) {
      return false;
    }
    if (existing > 0) {
      throw new IssuerException(
          "Key directory "
              + directory
              + " is incomplete; remove "
              + PRIVATE_KEY_FILE
              + ", "
              + PUBLIC_KEY_FILE
              + " and "
              + KID_FILE
              + " and run init again");
    }
    KeyPair keyPair = generateKeyPair();
    try {
      Files.createDirectories(directory);
      writePrivateKey(Pem.encode(Pem.PRIVATE_KEY, keyPair.getPrivate().getEncoded()));
      Files.writeString(
          publicKeyFile(),
          Pem.encode(Pem.PUBLIC_KEY, keyPair.getPublic().getEncoded()),
          StandardCharsets.US_ASCII);
      Files.writeString(kidFile(), keyId(keyPair.getPublic()) + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IssuerException("Cannot write keys to " + directory + ": " + e, e);
    }
    return true;
  }

  PrivateKey loadPrivateKey() throws IssuerException {
    try {
      byte[] der = Pem.decode(Pem.PRIVATE_KEY, Files.readString(privateKeyFile()));
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new IssuerException("Cannot read RSA private key " + privateKeyFile() + ": " + e, e);
    }
  }

  PublicKey loadPublicKey() throws IssuerException {
    try {
      byte[] der = Pem.decode(Pem.PUBLIC_KEY, Files.readString(publicKeyFile()));
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new IssuerException("Cannot read RSA public key " + publicKeyFile() + ": " + e, e);
    }
  }

  String loadKid() throws IssuerException {
    try {
      String kid = Files.readString(kidFile(), StandardCharsets.US_ASCII).trim();
      if (kid.isEmpty()) {
        throw new IssuerException(kidFile() + " is empty");
      }
      return kid;
    } catch (IOException e) {
      throw new IssuerException("Cannot read key id " + kidFile() + ": " + e, e);
    }
  }

  /** Base64url (no padding) of the first 12 bytes of SHA-256 over the public key's DER form. */
  static String keyId(PublicKey publicKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(Arrays.copyOf(digest, KID_DIGEST_BYTES));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every JDK provides SHA-256", e);
    }
  }

  private static KeyPair generateKeyPair() throws IssuerException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(RSA_KEY_BITS);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IssuerException("Cannot generate an RSA key pair: " + e, e);
    }
  }

  /** Creates the file owner-only from the start, so the key is never briefly world-readable. */
  private void writePrivateKey(String pem) throws IOException {
    Path file = privateKeyFile();
    if (!Files.getFileStore(directory).supportsFileAttributeView("posix")) {
      throw new IOException("the file system cannot restrict " + file + " to its owner (no POSIX)");
    }
    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
    Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
  }
}
