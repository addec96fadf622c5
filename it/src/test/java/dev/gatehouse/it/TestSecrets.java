package dev.gatehouse.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every secret the suite hands to the gateway, so that the last test ({@code ZzSecretsHygieneIT})
 * can look for each in the server log. The ITs share one JVM (failsafe's default fork), run in
 * alphabetical order.
 */
final class TestSecrets {

  private static final List<String> USED = new CopyOnWriteArrayList<>();

  private TestSecrets() {}

  /** Remembers a secret and returns it. */
  static String use(String secret) {
    USED.add(secret);
    return secret;
  }

  /**
   * The secrets used so far, plus the demo agent's credential and the audit chain key (as written
   * in its file, and its raw bytes in hex).
   */
  static List<String> all(TestDomain domain) {
    List<String> all = new java.util.ArrayList<>(USED);
    all.add(domain.demoAgentCredential());
    String chainKey = domain.chainKey();
    all.add(chainKey);
    all.add(java.util.HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(chainKey)));
    return all;
  }
}
