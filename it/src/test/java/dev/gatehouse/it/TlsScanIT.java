package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hardened listener as an outside scanner sees it: {@code testssl.sh} (Debian's {@code
 * testssl.sh} package, installed by {@code .ci/run}) scans the test domain once, and each check
 * reads one finding of its JSON report. Runs on the H2 pass only: the PostgreSQL pass has the same
 * listener.
 */
class TlsScanIT {

  private static final Pattern FINDING =
      Pattern.compile(
          "\"id\"\\s*:\\s*\"([^\"]+)\".*?\"severity\"\\s*:\\s*\"([^\"]+)\".*?\"finding\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"",
          Pattern.DOTALL);

  private static final Map<String, String> findings = new HashMap<>();

  @BeforeAll
  static void scan() throws Exception {
    assumeTrue(
        "h2".equals(System.getProperty("gatehouse.it.database", "h2")),
        "the listener is scanned on the H2 pass only");
    assumeTrue(new File("/usr/bin/testssl").canExecute(), "testssl.sh is not installed");
    TestDomain domain = TestDomain.get();
    Path report = Files.createTempFile("testssl", ".json");
    Files.delete(report);
    Process testssl =
        new ProcessBuilder(
                "/usr/bin/testssl",
                "--quiet",
                "--color",
                "0",
                "--warnings",
                "off",
                "--jsonfile",
                report.toString(),
                "-p",
                "-s",
                "-f",
                "-S",
                "-h",
                "-R",
                "-C",
                "--ip",
                "one",
                "localhost:" + domain.httpsPort())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(testssl.waitFor(8, TimeUnit.MINUTES)).as("testssl.sh finished").isTrue();
    Matcher m = FINDING.matcher(Files.readString(report));
    while (m.find()) {
      findings.put(m.group(1), m.group(3));
    }
    assertThat(findings).as("testssl.sh JSON findings").isNotEmpty();
  }

  private static String finding(String id) {
    assertThat(findings).containsKey(id);
    return findings.get(id);
  }

  @Test
  void offersNoSslv2Sslv3Tls10OrTls11() {
    for (String protocol : new String[] {"SSLv2", "SSLv3", "TLS1", "TLS1_1"}) {
      assertThat(finding(protocol)).as(protocol).isEqualTo("not offered");
    }
    assertThat(finding("TLS1_2")).startsWith("offered");
    assertThat(finding("TLS1_3")).startsWith("offered");
  }

  @Test
  void offersNoNullExportRc4TripleDesOrCbcSuites() {
    for (String list :
        new String[] {
          "cipherlist_NULL",
          "cipherlist_aNULL",
          "cipherlist_EXPORT",
          "cipherlist_LOW",
          "cipherlist_3DES_IDEA",
          "cipherlist_AVERAGE"
        }) {
      assertThat(finding(list)).as(list).isEqualTo("not offered");
    }
  }

  @Test
  void everySuiteIsForwardSecretAndAead() {
    assertThat(finding("PFS")).isEqualTo("offered");
    for (String suite : finding("PFS_ciphers").split("\\s+")) {
      assertThat(suite).as(suite).containsAnyOf("GCM", "CHACHA20");
    }
  }

  @Test
  void certificateKeyIsStrong() {
    String keySize = finding("cert_keySize");
    Matcher bits = Pattern.compile("(EC|RSA) (\\d+) bits").matcher(keySize);
    assertThat(bits.find()).as(keySize).isTrue();
    int minimum = bits.group(1).equals("EC") ? 256 : 3072;
    assertThat(Integer.parseInt(bits.group(2))).isGreaterThanOrEqualTo(minimum);
  }

  @Test
  void sendsHstsAndResistsCompressionAndRenegotiationAttacks() {
    assertThat(finding("HSTS_time")).contains("seconds");
    assertThat(finding("CRIME_TLS")).isEqualTo("not vulnerable");
    assertThat(finding("secure_renego")).isEqualTo("supported");
    assertThat(finding("secure_client_renego")).isEqualTo("not vulnerable");
  }
}
