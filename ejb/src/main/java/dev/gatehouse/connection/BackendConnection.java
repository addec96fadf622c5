package dev.gatehouse.connection;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A backend agent service that Gatehouse fronts, by a URL-safe name callers use in {@code
 * /gw/{name}/…}. Holds the credential the gateway injects only in sealed form; nothing on this
 * entity ever leaves the server unsealed.
 */
@Entity
@Table(name = "backend_connection")
@NamedQuery(
    name = "BackendConnection.findByName",
    query = "SELECT c FROM BackendConnection c WHERE c.name = :name")
@NamedQuery(
    name = "BackendConnection.findAll",
    query = "SELECT c FROM BackendConnection c ORDER BY c.name")
public class BackendConnection {

  @Id
  @Column(length = 36)
  private String id = UUID.randomUUID().toString();

  @Column(nullable = false, unique = true, length = 63)
  private String name;

  @Column(name = "base_url", nullable = false, length = 2048)
  private String baseUrl;

  @Enumerated(EnumType.STRING)
  @Column(name = "credential_kind", nullable = false, length = 16)
  private CredentialKind credentialKind = CredentialKind.NONE;

  @Column(name = "credential_header", length = 128)
  private String credentialHeader;

  @Column(name = "secret_ciphertext", length = 8192)
  private String secretCiphertext;

  @Column(name = "secret_key_id", length = 64)
  private String secretKeyId;

  @Column(name = "trusted_ca_pem", length = 65536)
  private String trustedCaPem;

  @Column(name = "pin_sha256", length = 64)
  private String pinSha256;

  @Column(name = "min_tls_version", nullable = false, length = 8)
  private String minTlsVersion = "TLSv1.2";

  @Column(name = "client_cert_pem", length = 65536)
  private String clientCertPem;

  @Column(name = "client_key_ciphertext", length = 16384)
  private String clientKeyCiphertext;

  @Column(name = "client_key_key_id", length = 64)
  private String clientKeyKeyId;

  @Column(name = "max_response_bytes", nullable = false)
  private long maxResponseBytes = 100L * 1024 * 1024;

  @Column(name = "connect_timeout_ms", nullable = false)
  private int connectTimeoutMillis = 2000;

  @Column(name = "read_timeout_ms", nullable = false)
  private int readTimeoutMillis = 30000;

  @Column(name = "max_request_bytes", nullable = false)
  private long maxRequestBytes = 10L * 1024 * 1024;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(
      name = "backend_connection_group",
      joinColumns = @JoinColumn(name = "connection_id"))
  @Column(name = "group_name", length = 255)
  private Set<String> allowedGroups = new LinkedHashSet<>();

  @Column(name = "created_at", nullable = false)
  private Instant createdAt = Instant.now();

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt = Instant.now();

  // --- Just-in-time approval (issue 6) ---

  @Column(name = "approval_required", nullable = false)
  private boolean approvalRequired;

  @Column(name = "approval_pending_ttl_s")
  private Integer approvalPendingTtlSeconds;

  @Column(name = "approval_approved_ttl_s")
  private Integer approvalApprovedTtlSeconds;

  @Column(name = "approvals_required")
  private Integer approvalsRequired;

  /** Comma-separated; empty or null: any reviewer. */
  @Column(name = "approval_reviewer_groups", length = 2048)
  private String approvalReviewerGroups;

  // --- end of approval fields ---

  // --- Agent traffic (issues 18, 19): stored as the API writes them ---

  @Column(name = "agent_protocol", nullable = false, length = 8)
  private String agentProtocol = "auto";

  @Column(name = "tool_default", nullable = false, length = 8)
  private String toolDefault = "allow";

  @Column(name = "mcp_server_requests_allowed", nullable = false)
  private boolean mcpServerRequestsAllowed;

  // --- Agent budgets (issue 19), per caller; NULL means no budget ---

  @Column(name = "budget_calls_session")
  private Integer budgetToolCallsPerSession;

  @Column(name = "budget_calls_window")
  private Integer budgetToolCallsPerWindow;

  @Column(name = "budget_tokens_window")
  private Long budgetTokensPerWindow;

  @Column(name = "budget_window_s")
  private Integer budgetWindowSeconds;

  @Column(name = "budget_max_result_bytes")
  private Long budgetMaxToolResultBytes;

  // --- Rate limits (issue 11); NULL means the configured default, 0 no limit ---

  @Column(name = "rate_interval_s")
  private Integer rateLimitIntervalSeconds;

  @Column(name = "rate_caller_requests")
  private Integer rateLimitCallerRequests;

  @Column(name = "rate_connection_requests")
  private Integer rateLimitConnectionRequests;

  @Column(name = "rate_caller_concurrent")
  private Integer rateLimitCallerConcurrent;

  @Column(name = "rate_connection_concurrent")
  private Integer rateLimitConnectionConcurrent;

  // --- end of rate-limit fields ---

  @Version private long version;

  protected BackendConnection() {}

  public BackendConnection(String name, String baseUrl) {
    this.name = name;
    this.baseUrl = baseUrl;
  }

  /** Replaces the credential; {@code sealed} is {@code null} for {@link CredentialKind#NONE}. */
  public void useCredential(CredentialKind kind, String headerName, SealedSecret sealed) {
    this.credentialKind = kind;
    this.credentialHeader = kind == CredentialKind.HEADER ? headerName : null;
    this.secretKeyId = sealed == null ? null : sealed.keyId();
    this.secretCiphertext = sealed == null ? null : sealed.ciphertext();
    touch();
  }

  /**
   * Replaces the client certificate (PEM) and its key, sealed; both {@code null} to present none.
   */
  public void useClientCertificate(String certificatePem, SealedSecret sealedKey) {
    this.clientCertPem = certificatePem;
    this.clientKeyKeyId = sealedKey == null ? null : sealedKey.keyId();
    this.clientKeyCiphertext = sealedKey == null ? null : sealedKey.ciphertext();
    touch();
  }

  /** The sealed client-certificate key, or {@code null} when none is set. */
  public SealedSecret sealedClientKey() {
    return clientKeyCiphertext == null
        ? null
        : new SealedSecret(clientKeyKeyId, clientKeyCiphertext);
  }

  /** Re-seals in place (key rotation); the credential kinds and header stay as they are. */
  public void reseal(SealedSecret secret, SealedSecret clientKey) {
    if (secret != null) {
      this.secretKeyId = secret.keyId();
      this.secretCiphertext = secret.ciphertext();
    }
    if (clientKey != null) {
      this.clientKeyKeyId = clientKey.keyId();
      this.clientKeyCiphertext = clientKey.ciphertext();
    }
    touch();
  }

  public void touch() {
    this.updatedAt = Instant.now();
  }

  /** The sealed secret, or {@code null} when none is set. */
  public SealedSecret sealedSecret() {
    return secretCiphertext == null ? null : new SealedSecret(secretKeyId, secretCiphertext);
  }

  public String getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public CredentialKind getCredentialKind() {
    return credentialKind;
  }

  public String getCredentialHeader() {
    return credentialHeader;
  }

  public String getTrustedCaPem() {
    return trustedCaPem;
  }

  public void setTrustedCaPem(String trustedCaPem) {
    this.trustedCaPem = trustedCaPem;
  }

  public String getPinSha256() {
    return pinSha256;
  }

  public void setPinSha256(String pinSha256) {
    this.pinSha256 = pinSha256;
  }

  public String getMinTlsVersion() {
    return minTlsVersion;
  }

  public void setMinTlsVersion(String minTlsVersion) {
    this.minTlsVersion = minTlsVersion;
  }

  public String getClientCertPem() {
    return clientCertPem;
  }

  public long getMaxResponseBytes() {
    return maxResponseBytes;
  }

  public void setMaxResponseBytes(long maxResponseBytes) {
    this.maxResponseBytes = maxResponseBytes;
  }

  public int getConnectTimeoutMillis() {
    return connectTimeoutMillis;
  }

  public void setConnectTimeoutMillis(int connectTimeoutMillis) {
    this.connectTimeoutMillis = connectTimeoutMillis;
  }

  public int getReadTimeoutMillis() {
    return readTimeoutMillis;
  }

  public void setReadTimeoutMillis(int readTimeoutMillis) {
    this.readTimeoutMillis = readTimeoutMillis;
  }

  public long getMaxRequestBytes() {
    return maxRequestBytes;
  }

  public void setMaxRequestBytes(long maxRequestBytes) {
    this.maxRequestBytes = maxRequestBytes;
  }

  public Set<String> getAllowedGroups() {
    return allowedGroups;
  }

  public void setAllowedGroups(Set<String> groups) {
    this.allowedGroups = new LinkedHashSet<>(groups);
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  /** Every request to this connection waits for a reviewer. */
  public boolean isApprovalRequired() {
    return approvalRequired;
  }

  public void setApprovalRequired(boolean approvalRequired) {
    this.approvalRequired = approvalRequired;
  }

  /** Seconds a held request waits for a decision, or {@code null} for the configured default. */
  public Integer getApprovalPendingTtlSeconds() {
    return approvalPendingTtlSeconds;
  }

  public void setApprovalPendingTtlSeconds(Integer seconds) {
    this.approvalPendingTtlSeconds = seconds;
  }

  /** Seconds an approval stays usable, or {@code null} for the configured default. */
  public Integer getApprovalApprovedTtlSeconds() {
    return approvalApprovedTtlSeconds;
  }

  public void setApprovalApprovedTtlSeconds(Integer seconds) {
    this.approvalApprovedTtlSeconds = seconds;
  }

  /** Distinct reviewers who must approve, or {@code null} for the configured default. */
  public Integer getApprovalsRequired() {
    return approvalsRequired;
  }

  public void setApprovalsRequired(Integer count) {
    this.approvalsRequired = count;
  }

  /** Groups a reviewer of this connection must belong to; empty: any reviewer. */
  public Set<String> getApprovalReviewerGroups() {
    Set<String> groups = new LinkedHashSet<>();
    if (approvalReviewerGroups != null) {
      for (String g : approvalReviewerGroups.split(",")) {
        if (!g.isBlank()) {
          groups.add(g.strip());
        }
      }
    }
    return groups;
  }

  public void setApprovalReviewerGroups(Set<String> groups) {
    this.approvalReviewerGroups =
        groups == null || groups.isEmpty() ? null : String.join(",", groups);
  }

  /** This connection's own rate limits; unset ones take the configured defaults. */
  public RateLimitSettings getRateLimits() {
    return new RateLimitSettings(
        rateLimitIntervalSeconds,
        rateLimitCallerRequests,
        rateLimitConnectionRequests,
        rateLimitCallerConcurrent,
        rateLimitConnectionConcurrent);
  }

  public void setRateLimits(RateLimitSettings limits) {
    this.rateLimitIntervalSeconds = limits.intervalSeconds();
    this.rateLimitCallerRequests = limits.callerRequests();
    this.rateLimitConnectionRequests = limits.connectionRequests();
    this.rateLimitCallerConcurrent = limits.callerConcurrent();
    this.rateLimitConnectionConcurrent = limits.connectionConcurrent();
  }

  /** How the connection's agent traffic is read and governed. */
  public AgentSettings getAgentSettings() {
    return new AgentSettings(
        AgentSettings.Protocol.named(agentProtocol),
        AgentSettings.ToolDefault.named(toolDefault),
        mcpServerRequestsAllowed);
  }

  public void setAgentSettings(AgentSettings settings) {
    this.agentProtocol = settings.protocol().wireName();
    this.toolDefault = settings.toolDefault().wireName();
    this.mcpServerRequestsAllowed = settings.serverRequestsAllowed();
  }

  /** This connection's per-caller budgets for agent traffic. */
  public BudgetSettings getBudgets() {
    return new BudgetSettings(
        budgetToolCallsPerSession,
        budgetToolCallsPerWindow,
        budgetTokensPerWindow,
        budgetWindowSeconds,
        budgetMaxToolResultBytes);
  }

  public void setBudgets(BudgetSettings budgets) {
    this.budgetToolCallsPerSession = budgets.toolCallsPerSession();
    this.budgetToolCallsPerWindow = budgets.toolCallsPerWindow();
    this.budgetTokensPerWindow = budgets.tokensPerWindow();
    this.budgetWindowSeconds = budgets.windowSeconds();
    this.budgetMaxToolResultBytes = budgets.maxToolResultBytes();
  }

  public long getVersion() {
    return version;
  }
}
