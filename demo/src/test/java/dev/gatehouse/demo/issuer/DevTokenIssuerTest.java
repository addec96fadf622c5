package dev.gatehouse.demo.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class DevTokenIssuerTest {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();

  @TempDir static Path keyDirectory;

  /** Output of one CLI run. */
  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode =
        DevTokenIssuer.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @BeforeAll
  static void initializeKeys() {
    Run init = run("init", "--dir", keyDirectory.toString());
    assertThat(init.exitCode()).as(init.err()).isZero();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> decodeJson(String base64url) {
    return (Map<String, Object>)
        JSON.readValue(Base64.getUrlDecoder().decode(base64url), Map.class);
  }

  private static PublicKey publicKeyFromPem() throws Exception {
    String pem = Files.readString(keyDirectory.resolve("public.pem"));
    assertThat(pem)
        .startsWith("-----BEGIN PUBLIC KEY-----\n")
        .endsWith("-----END PUBLIC KEY-----\n");
    String base64 =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  @Test
  void initWritesAnOwnerOnlyRsa3072KeyPairAndKid() throws Exception {
    Path privateKey = keyDirectory.resolve("private.pem");

    assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey)))
        .isEqualTo("rw-------");
    PublicKey publicKey = publicKeyFromPem();
    assertThat(((RSAPublicKey) publicKey).getModulus().bitLength()).isEqualTo(3072);
    assertThat(Files.readString(keyDirectory.resolve("kid")).trim())
        .isEqualTo(IssuerKeys.keyId(publicKey))
        .hasSize(16);
  }

  @Test
  void initLeavesExistingKeysUntouched() throws Exception {
    byte[] privateBefore = Files.readAllBytes(keyDirectory.resolve("private.pem"));
    byte[] publicBefore = Files.readAllBytes(keyDirectory.resolve("public.pem"));

    Run again = run("init", "--dir", keyDirectory.toString());

    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("already exist");
    assertThat(Files.readAllBytes(keyDirectory.resolve("private.pem"))).isEqualTo(privateBefore);
    assertThat(Files.readAllBytes(keyDirectory.resolve("public.pem"))).isEqualTo(publicBefore);
  }

  @Test
  void initRefusesAPartiallyPopulatedDirectory(@TempDir Path directory) throws Exception {
    Files.writeString(directory.resolve("kid"), "stale\n");

    Run init = run("init", "--dir", directory.toString());

    assertThat(init.exitCode()).isEqualTo(2);
    assertThat(init.err()).contains("incomplete");
    assertThat(directory.resolve("private.pem")).doesNotExist();
  }

  @Test
  void mintsAnRs256TokenVerifiableWithThePublicPem() throws Exception {
    long before = Instant.now().getEpochSecond();
    Run mint =
        run(
            "mint",
            "--dir",
            keyDirectory.toString(),
            "--issuer",
            "https://issuer.demo",
            "--audience",
            "gatehouse",
            "--subject",
            "alice",
            "--groups",
            "admin, approver",
            "--ttl",
            "2h");

    assertThat(mint.exitCode()).as(mint.err()).isZero();
    assertThat(mint.out()).endsWith("\n");
    String token = mint.out().trim();
    assertThat(token).doesNotContain("\n").doesNotContain("=");
    String[] parts = token.split("\\.");
    assertThat(parts).hasSize(3);

    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(publicKeyFromPem());
    verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();

    String kid = Files.readString(keyDirectory.resolve("kid")).trim();
    // Compact JSON, members in this order: the header's bytes are fixed by its three values.
    assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8))
        .isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}");
    assertThat(decodeJson(parts[0]))
        .containsExactly(
            Map.entry("alg", (Object) "RS256"),
            Map.entry("typ", (Object) "JWT"),
            Map.entry("kid", (Object) kid));
    Map<String, Object> claims = decodeJson(parts[1]);
    assertThat(claims.keySet())
        .containsExactly("iss", "sub", "upn", "aud", "groups", "iat", "nbf", "exp", "jti");
    assertThat(claims.get("iss")).isEqualTo("https://issuer.demo");
    assertThat(claims.get("sub")).isEqualTo("alice");
    assertThat(claims.get("upn")).isEqualTo("alice");
    assertThat(claims.get("aud")).isEqualTo("gatehouse");
    assertThat(claims.get("groups")).isEqualTo(List.of("admin", "approver"));
    long issuedAt = (Long) claims.get("iat");
    assertThat(issuedAt).isBetween(before, Instant.now().getEpochSecond());
    assertThat(claims.get("nbf")).isEqualTo(issuedAt);
    assertThat(claims.get("exp")).isEqualTo(issuedAt + 7200);
    assertThat((String) claims.get("jti"))
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void mintsEmptyGroupsAndFifteenMinuteLifetimeByDefault() {
    Run mint =
        run(
            "mint",
            "--dir",
            keyDirectory.toString(),
            "--issuer",
            "iss",
            "--audience",
            "aud",
            "--subject",
            "bob");

    Map<String, Object> claims = decodeJson(mint.out().trim().split("\\.")[1]);
    assertThat(claims.get("groups")).isEqualTo(List.of());
    assertThat((Long) claims.get("exp") - (Long) claims.get("iat")).isEqualTo(900L);
  }

  @Test
  void mintsAFreshJtiEachTime() {
    String[] args = {
      "mint", "--dir", keyDirectory.toString(), "--issuer", "i", "--audience", "a", "--subject", "s"
    };

    Object first = decodeJson(run(args).out().trim().split("\\.")[1]).get("jti");
    Object second = decodeJson(run(args).out().trim().split("\\.")[1]).get("jti");

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void failsWithExitCode2AndNothingOnStdoutForMissingOption() {
    Run mint = run("mint", "--dir", keyDirectory.toString(), "--issuer", "i", "--subject", "s");

    assertThat(mint.exitCode()).isEqualTo(2);
    assertThat(mint.out()).isEmpty();
    assertThat(mint.err()).contains("--audience");
  }

  @Test
  void failsWithExitCode2ForBadTtlUnknownOptionOrMissingKeys(@TempDir Path empty) {
    String dir = keyDirectory.toString();
    Run badTtl =
        run(
            "mint",
            "--dir",
            dir,
            "--issuer",
            "i",
            "--audience",
            "a",
            "--subject",
            "s",
            "--ttl",
            "15");
    Run typo = run("mint", "--dir", dir, "--issuer", "i", "--audiance", "a", "--subject", "s");
    Run noKeys =
        run(
            "mint",
            "--dir",
            empty.toString(),
            "--issuer",
            "i",
            "--audience",
            "a",
            "--subject",
            "s");
    Run noCommand = run();

    assertThat(List.of(badTtl, typo, noKeys, noCommand))
        .allSatisfy(
            failed -> {
              assertThat(failed.exitCode()).isEqualTo(2);
              assertThat(failed.out()).isEmpty();
              assertThat(failed.err()).isNotBlank();
            });
    assertThat(typo.err()).contains("--audiance");
  }
}
