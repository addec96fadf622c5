package dev.gatehouse.it;

/**
 * Connections the ITs need beside {@code demo}: each points at a real backend condition — a slow
 * answer, a closed port, a certificate signed by a CA the connection does not trust, a small body
 * limit, a cloud metadata address.
 */
final class TestConnections {

  static final String SLOW = "slow";
  static final String UNREACHABLE = "unreachable";
  static final String UNTRUSTED = "untrusted";
  static final String SMALL_BODY = "small-body";
  static final String APPROVAL = "approval-gated";
  static final String APPROVAL_SHORT = "approval-short";
  static final String APPROVAL_TWO = "approval-two";
  static final String APPROVAL_REVIEWERS = "approval-reviewers";
  static final String APPROVAL_RESTART = "approval-restart";
  static final String APPROVAL_RESTART_SHORT = "approval-restart-short";

  /** The group a reviewer of {@link #APPROVAL_REVIEWERS} must belong to. */
  static final String PAYMENTS_REVIEWERS = "payments-reviewers";

  /** The pending TTL of {@link #APPROVAL_RESTART}: far longer than a domain restart takes. */
  static final int RESTART_TTL_SECONDS = 900;

  /** The pending TTL of {@link #APPROVAL_RESTART_SHORT}: it runs out around the restart. */
  static final int RESTART_SHORT_TTL_SECONDS = 30;

  /** Declared (not registered through the API, which would refuse it) at a metadata address. */
  static final String METADATA = "metadata-backdoor";

  private TestConnections() {}

  static void declare(TestDomain domain) {
    String agent = domain.value("GATEHOUSE_DEMO_AGENT_URL");
    String ca = domain.value("GATEHOUSE_DEMO_AGENT_CA");
    String credential = domain.value("GATEHOUSE_DEMO_AGENT_CREDENTIAL_FILE");
    String listenerCert = domain.value("GATEHOUSE_LISTENER_CERT");
    domain.declareConnections(
        connection(SLOW, agent, ca, credential, "\"readTimeoutMillis\":400"),
        connection(
            UNREACHABLE, "https://127.0.0.1:1", ca, credential, "\"connectTimeoutMillis\":1000"),
        connection(UNTRUSTED, agent, listenerCert, credential, "\"readTimeoutMillis\":5000"),
        connection(SMALL_BODY, agent, ca, credential, "\"maxRequestBytes\":16"),
        connection(
            METADATA, "https://169.254.169.254", ca, credential, "\"connectTimeoutMillis\":500"),
        connection(APPROVAL, agent, ca, credential, "\"approvalRequired\":true"),
        connection(
            APPROVAL_SHORT,
            agent,
            ca,
            credential,
            "\"approvalRequired\":true,\"approvalPendingTtlSeconds\":2"),
        connection(
            APPROVAL_TWO,
            agent,
            ca,
            credential,
            "\"approvalRequired\":true,\"approvalsRequired\":2"),
        connection(
            APPROVAL_REVIEWERS,
            agent,
            ca,
            credential,
            "\"approvalRequired\":true,\"reviewerGroups\":[\"" + PAYMENTS_REVIEWERS + "\"]"),
        connection(
            APPROVAL_RESTART,
            agent,
            ca,
            credential,
            "\"approvalRequired\":true,\"approvalPendingTtlSeconds\":" + RESTART_TTL_SECONDS),
        connection(
            APPROVAL_RESTART_SHORT,
            agent,
            ca,
            credential,
            "\"approvalRequired\":true,\"approvalPendingTtlSeconds\":"
                + RESTART_SHORT_TTL_SECONDS));
  }

  /**
   * Registers a connection through the admin API to a test backend that serves the demo agent's
   * certificate: callers of group {@code demo-users}, a 5 s read timeout, and {@code moreFields}
   * (JSON members, such as {@code "approvalRequired":true}; may be empty); no credential unless
   * {@code moreFields} names a {@code credentialKind}.
   */
  static void register(TestDomain domain, String name, String baseUrl, String moreFields)
      throws Exception {
    String ca = TestDomain.read(java.nio.file.Path.of(domain.value("GATEHOUSE_DEMO_AGENT_CA")));
    java.net.http.HttpResponse<String> created =
        AdminApi.admin(domain)
            .post(
                "/api/v1/connections",
                "{\"name\":"
                    + AdminApi.str(name)
                    + ",\"baseUrl\":"
                    + AdminApi.str(baseUrl)
                    + (moreFields.contains("\"credentialKind\"")
                        ? ""
                        : ",\"credentialKind\":\"NONE\"")
                    + ",\"trustedCaPem\":"
                    + AdminApi.str(ca)
                    + ",\"allowedGroups\":[\"demo-users\"],\"readTimeoutMillis\":5000"
                    + (moreFields.isEmpty() ? "" : "," + moreFields)
                    + "}");
    org.assertj.core.api.Assertions.assertThat(created.statusCode())
        .as(created.body())
        .isEqualTo(201);
  }

  private static String connection(
      String name, String baseUrl, String caFile, String secretFile, String extra) {
    return "{\"name\":\""
        + name
        + "\",\"baseUrl\":\""
        + baseUrl
        + "\",\"credentialKind\":\"BEARER\",\"secretFile\":\""
        + secretFile
        + "\",\"trustedCaFile\":\""
        + caFile
        + "\",\"allowedGroups\":[\"demo-users\"],"
        + extra
        + "}";
  }
}
