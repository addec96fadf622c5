package dev.gatehouse.connection;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The registry as one declarative JSON document ({@code GET /api/v1/connections/export}), in the
 * shape {@code POST /api/v1/connections/import} accepts. A JSON object rather than an array so that
 * further sections (policies) can join {@code connections} without breaking existing files. Secrets
 * and client keys are never in it: {@code secretSet} and {@code clientKeySet} only say whether one
 * is stored, and an import that leaves them out keeps the stored ones.
 *
 * @param connections every connection, by name
 */
@Schema(description = "The connection registry as one declarative document; secrets omitted.")
public record ConnectionDocument(List<Entry> connections) {

  /**
   * One connection as exported: the fields of a {@link ConnectionSpec} minus the write-only ones.
   */
  @Schema(name = "ConnectionExportEntry")
  public record Entry(
      String name,
      String baseUrl,
      String credentialKind,
      String credentialHeader,
      @Schema(description = "Whether a secret is stored; never the secret itself.")
          boolean secretSet,
      String trustedCaPem,
      String pinSha256,
      String minTlsVersion,
      String clientCertPem,
      @Schema(description = "Whether a client key is stored; never the key itself.")
          boolean clientKeySet,
      int connectTimeoutMillis,
      int readTimeoutMillis,
      long maxRequestBytes,
      long maxResponseBytes,
      List<String> allowedGroups,
      Integer rateLimitIntervalSeconds,
      Integer rateLimitCallerRequests,
      Integer rateLimitConnectionRequests,
      Integer rateLimitCallerConcurrent,
      Integer rateLimitConnectionConcurrent,
      boolean approvalRequired,
      Integer approvalPendingTtlSeconds,
      Integer approvalApprovedTtlSeconds,
      Integer approvalsRequired,
      List<String> reviewerGroups,
      String protocol,
      String toolDefault,
      String mcpServerRequests,
      Integer budgetToolCallsPerSession,
      Integer budgetToolCallsPerWindow,
      Long budgetTokensPerWindow,
      Integer budgetWindowSeconds,
      Long budgetMaxToolResultBytes) {

    static Entry of(BackendConnection c) {
      return new Entry(
          c.getName(),
          c.getBaseUrl(),
          c.getCredentialKind().name(),
          c.getCredentialHeader(),
          c.sealedSecret() != null,
          c.getTrustedCaPem(),
          c.getPinSha256(),
          c.getMinTlsVersion(),
          c.getClientCertPem(),
          c.sealedClientKey() != null,
          c.getConnectTimeoutMillis(),
          c.getReadTimeoutMillis(),
          c.getMaxRequestBytes(),
          c.getMaxResponseBytes(),
          List.copyOf(c.getAllowedGroups()),
          c.getRateLimits().intervalSeconds(),
          c.getRateLimits().callerRequests(),
          c.getRateLimits().connectionRequests(),
          c.getRateLimits().callerConcurrent(),
          c.getRateLimits().connectionConcurrent(),
          c.isApprovalRequired(),
          c.getApprovalPendingTtlSeconds(),
          c.getApprovalApprovedTtlSeconds(),
          c.getApprovalsRequired(),
          List.copyOf(c.getApprovalReviewerGroups()),
          c.getAgentSettings().protocol().wireName(),
          c.getAgentSettings().toolDefault().wireName(),
          c.getAgentSettings().serverRequestsAllowed() ? "allow" : "block",
          c.getBudgets().toolCallsPerSession(),
          c.getBudgets().toolCallsPerWindow(),
          c.getBudgets().tokensPerWindow(),
          c.getBudgets().windowSeconds(),
          c.getBudgets().maxToolResultBytes());
    }
  }

  /** What an import did, by connection name. */
  @Schema(name = "ConnectionImportResult")
  public record ImportResult(List<String> created, List<String> updated, List<String> unchanged) {}
}
