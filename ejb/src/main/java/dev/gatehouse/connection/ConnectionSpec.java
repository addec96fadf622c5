package dev.gatehouse.connection;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A connection as an operator writes it (admin API and import). Write-only parts: {@code secret}
 * and {@code clientKeyPem} are sealed at once and never shown again; on update, leaving either out
 * keeps the current one.
 *
 * @param name URL-safe name callers use in {@code /gw/{name}/…}
 * @param baseUrl the backend's base URL ({@code https})
 * @param credentialKind {@code NONE}, {@code BEARER}, {@code BASIC} or {@code HEADER}
 * @param credentialHeader the header carrying the secret, for {@code HEADER}
 * @param secret the credential ({@code user:password} for {@code BASIC})
 * @param trustedCaPem CA certificates to trust (PEM); the JVM trust store when absent
 * @param pinSha256 hex SHA-256 of the backend leaf certificate's SubjectPublicKeyInfo
 * @param minTlsVersion {@code TLSv1.2} (default) or {@code TLSv1.3}
 * @param clientCertPem client certificate chain for mTLS (PEM)
 * @param clientKeyPem its PKCS#8 private key (PEM)
 * @param connectTimeoutMillis TCP and TLS connect timeout
 * @param readTimeoutMillis time allowed until the response headers arrive
 * @param maxRequestBytes largest request body forwarded (over: 413)
 * @param maxResponseBytes largest response body relayed (over: 502 or the stream is cut)
 * @param allowedGroups groups whose members may use the connection
 * @param rateLimitIntervalSeconds window of the request limits (default: configured)
 * @param rateLimitCallerRequests requests one caller may send per window (0: none; default:
 *     configured)
 * @param rateLimitConnectionRequests requests all callers together may send per window
 * @param rateLimitCallerConcurrent requests one caller may have in flight
 * @param rateLimitConnectionConcurrent requests all callers together may have in flight
 * @param approvalRequired every request waits for a reviewer (absent: {@code false})
 * @param approvalPendingTtlSeconds how long a held request waits for a decision (default:
 *     configured)
 * @param approvalApprovedTtlSeconds how long an approval stays usable (default: configured)
 * @param approvalsRequired distinct reviewers who must approve (default: configured)
 * @param reviewerGroups groups a reviewer must belong to to decide on or grant this connection
 *     (absent or empty: any reviewer)
 * @param protocol how requests are read: {@code auto} (default: per request), {@code http}, {@code
 *     openai} or {@code mcp}
 * @param toolDefault what a tool call no tool rule names gets: {@code allow} (default) or {@code
 *     deny}
 * @param mcpServerRequests whether an MCP server may send the client requests of its own (sampling,
 *     elicitation, roots): {@code block} (default) or {@code allow}
 * @param budgetToolCallsPerSession MCP tool calls one caller may make in one MCP session (absent:
 *     no budget)
 * @param budgetToolCallsPerWindow MCP tool calls one caller may make per budget window
 * @param budgetTokensPerWindow model tokens one caller may spend per budget window
 * @param budgetWindowSeconds the budget window (absent: the connection's rate-limit window)
 * @param budgetMaxToolResultBytes the longest answer to an MCP tool call relayed; longer is cut
 */
@Schema(description = "A connection as an operator writes it")
public record ConnectionSpec(
    @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be a lower-case slug")
        String name,
    @NotBlank @Size(max = 2048) String baseUrl,
    @Pattern(regexp = "NONE|BEARER|BASIC|HEADER", message = "must be NONE, BEARER, BASIC or HEADER")
        String credentialKind,
    @Pattern(regexp = "[A-Za-z0-9-]{1,128}", message = "must be an HTTP header name")
        String credentialHeader,
    @Schema(writeOnly = true, description = "Sealed at once, never shown again; omit to keep")
        @Size(min = 1, max = 4096)
        String secret,
    @Size(max = 65536) String trustedCaPem,
    @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hex digits (SHA-256)")
        String pinSha256,
    @Pattern(regexp = "TLSv1\\.2|TLSv1\\.3", message = "must be TLSv1.2 or TLSv1.3")
        String minTlsVersion,
    @Size(max = 65536) String clientCertPem,
    @Schema(writeOnly = true, description = "Sealed at once, never shown again; omit to keep")
        @Size(max = 16384)
        String clientKeyPem,
    @Min(100) @Max(600_000) Integer connectTimeoutMillis,
    @Min(100) @Max(3_600_000) Integer readTimeoutMillis,
    @Min(0) @Max(1L << 30) Long maxRequestBytes,
    @Min(0) @Max(1L << 34) Long maxResponseBytes,
    @Size(max = 64) List<@NotBlank @Size(max = 255) String> allowedGroups,
    @Min(1) @Max(86_400) Integer rateLimitIntervalSeconds,
    @Min(0) @Max(100_000_000) Integer rateLimitCallerRequests,
    @Min(0) @Max(100_000_000) Integer rateLimitConnectionRequests,
    @Min(0) @Max(100_000) Integer rateLimitCallerConcurrent,
    @Min(0) @Max(100_000) Integer rateLimitConnectionConcurrent,
    Boolean approvalRequired,
    @Min(1) @Max(604_800) Integer approvalPendingTtlSeconds,
    @Min(1) @Max(604_800) Integer approvalApprovedTtlSeconds,
    @Min(1) @Max(20) Integer approvalsRequired,
    @Size(max = 32)
        List<
                @NotBlank @Size(max = 255)
                @Pattern(regexp = "[^,]*", message = "must not contain a comma") String>
            reviewerGroups,
    @Pattern(regexp = "auto|http|openai|mcp", message = "must be auto, http, openai or mcp")
        String protocol,
    @Pattern(regexp = "allow|deny", message = "must be allow or deny") String toolDefault,
    @Pattern(regexp = "block|allow", message = "must be block or allow") String mcpServerRequests,
    @Min(1) @Max(100_000_000) Integer budgetToolCallsPerSession,
    @Min(1) @Max(100_000_000) Integer budgetToolCallsPerWindow,
    @Min(1) @Max(1_000_000_000_000L) Long budgetTokensPerWindow,
    @Min(1) @Max(2_592_000) Integer budgetWindowSeconds,
    // Bounded because a whole (not streamed) tool answer is read before it is relayed.
    @Min(1) @Max(16L << 20) Long budgetMaxToolResultBytes) {

  /** The kind, {@code NONE} when not given. */
  public CredentialKind kind() {
    return credentialKind == null ? CredentialKind.NONE : CredentialKind.valueOf(credentialKind);
  }

  /** The rate limits as given; unset ones take the configured defaults. */
  public RateLimitSettings rateLimits() {
    return new RateLimitSettings(
        rateLimitIntervalSeconds,
        rateLimitCallerRequests,
        rateLimitConnectionRequests,
        rateLimitCallerConcurrent,
        rateLimitConnectionConcurrent);
  }

  /** The agent settings as given; unset ones take their defaults. */
  public AgentSettings agentSettings() {
    return new AgentSettings(
        AgentSettings.Protocol.named(protocol),
        AgentSettings.ToolDefault.named(toolDefault),
        "allow".equals(mcpServerRequests));
  }

  /** The budgets as given; absent ones are none. */
  public BudgetSettings budgets() {
    return new BudgetSettings(
        budgetToolCallsPerSession,
        budgetToolCallsPerWindow,
        budgetTokensPerWindow,
        budgetWindowSeconds,
        budgetMaxToolResultBytes);
  }

  /** The reviewer groups as given, stripped, in order, without repeats. */
  public Set<String> reviewerGroupSet() {
    Set<String> groups = new LinkedHashSet<>();
    if (reviewerGroups != null) {
      reviewerGroups.stream()
          .filter(g -> g != null && !g.isBlank())
          .map(String::strip)
          .forEach(groups::add);
    }
    return groups;
  }

  @Override
  public String toString() {
    return "ConnectionSpec[" + name + " -> " + baseUrl + "]";
  }
}
