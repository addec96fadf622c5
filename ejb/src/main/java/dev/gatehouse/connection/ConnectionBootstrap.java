package dev.gatehouse.connection;

import dev.gatehouse.platform.Jsonp;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Declarative connections: at deployment, imports the connections listed in the file named by
 * {@code gatehouse.connection.bootstrap-file} (creating or updating them by name). This is how
 * {@code gatehouse up} registers the demo agent, and how operators keep connections in version
 * control. The file names secret and CA files rather than holding them, so it can be shared;
 * secrets are sealed before they reach the database.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class ConnectionBootstrap {

  private static final Logger LOG = Logger.getLogger(ConnectionBootstrap.class.getName());
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  @Inject
  @ConfigProperty(name = "gatehouse.connection.bootstrap-file")
  Optional<String> bootstrapFile;

  @Inject ConnectionRepository repository;

  @Inject SecretCipher cipher;

  @Inject ConnectionDirectory directory;

  @PostConstruct
  void importDeclaredConnections() {
    if (bootstrapFile.isEmpty() || bootstrapFile.get().isBlank()) {
      return;
    }
    Path file = Path.of(bootstrapFile.get());
    if (!Files.isReadable(file)) {
      LOG.warning(() -> "Connections bootstrap file not readable: " + file);
      return;
    }
    JsonArray entries;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonReader reader = Jsonp.PROVIDER.createReader(in)) {
      entries = reader.readArray();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("Cannot read connections bootstrap file " + file, e);
    }
    for (JsonValue entry : entries) {
      upsert(entry.asJsonObject(), file.getParent());
    }
    LOG.info(() -> "Imported " + entries.size() + " declared connection(s) from " + file);
  }

  private void upsert(JsonObject spec, Path dir) {
    String name = spec.getString("name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalStateException("Invalid connection name in bootstrap file: " + name);
    }
    BackendConnection c =
        repository
            .findByName(name)
            .orElseGet(() -> new BackendConnection(name, spec.getString("baseUrl")));
    c.setBaseUrl(spec.getString("baseUrl"));
    c.setConnectTimeoutMillis(spec.getInt("connectTimeoutMillis", c.getConnectTimeoutMillis()));
    c.setReadTimeoutMillis(spec.getInt("readTimeoutMillis", c.getReadTimeoutMillis()));
    if (spec.containsKey("maxRequestBytes")) {
      c.setMaxRequestBytes(spec.getJsonNumber("maxRequestBytes").longValueExact());
    }
    if (spec.containsKey("maxResponseBytes")) {
      c.setMaxResponseBytes(spec.getJsonNumber("maxResponseBytes").longValueExact());
    }
    c.setPinSha256(spec.getString("pinSha256", null));
    c.setMinTlsVersion(spec.getString("minTlsVersion", "TLSv1.2"));
    c.setTrustedCaPem(
        spec.containsKey("trustedCaFile") ? readFile(dir, spec.getString("trustedCaFile")) : null);
    Set<String> groups = new LinkedHashSet<>();
    if (spec.containsKey("allowedGroups")) {
      spec.getJsonArray("allowedGroups").getValuesAs(JsonString.class).stream()
          .map(JsonString::getString)
          .forEach(groups::add);
    }
    c.setAllowedGroups(groups);
    // Just-in-time approval (issue 6).
    c.setApprovalRequired(spec.getBoolean("approvalRequired", false));
    c.setApprovalPendingTtlSeconds(optionalInt(spec, "approvalPendingTtlSeconds"));
    c.setApprovalApprovedTtlSeconds(optionalInt(spec, "approvalApprovedTtlSeconds"));
    c.setApprovalsRequired(optionalInt(spec, "approvalsRequired"));
    Set<String> reviewers = new LinkedHashSet<>();
    if (spec.containsKey("reviewerGroups")) {
      spec.getJsonArray("reviewerGroups").getValuesAs(JsonString.class).stream()
          .map(JsonString::getString)
          .forEach(reviewers::add);
    }
    c.setApprovalReviewerGroups(reviewers);
    c.setAgentSettings(
        new AgentSettings(
            AgentSettings.Protocol.named(spec.getString("protocol", null)),
            AgentSettings.ToolDefault.named(spec.getString("toolDefault", null)),
            "allow".equals(spec.getString("mcpServerRequests", "block"))));
    c.setBudgets(
        new BudgetSettings(
            optionalInt(spec, "budgetToolCallsPerSession"),
            optionalInt(spec, "budgetToolCallsPerWindow"),
            optionalLong(spec, "budgetTokensPerWindow"),
            optionalInt(spec, "budgetWindowSeconds"),
            optionalLong(spec, "budgetMaxToolResultBytes")));
    // Rate limits (issue 11).
    c.setRateLimits(
        new RateLimitSettings(
            optionalInt(spec, "rateLimitIntervalSeconds"),
            optionalInt(spec, "rateLimitCallerRequests"),
            optionalInt(spec, "rateLimitConnectionRequests"),
            optionalInt(spec, "rateLimitCallerConcurrent"),
            optionalInt(spec, "rateLimitConnectionConcurrent")));
    CredentialKind kind = CredentialKind.valueOf(spec.getString("credentialKind", "NONE"));
    SealedSecret sealed =
        kind == CredentialKind.NONE
            ? null
            : cipher.seal(readFile(dir, spec.getString("secretFile")).strip(), c.getId());
    c.useCredential(kind, spec.getString("credentialHeader", null), sealed);
    repository.save(c);
    directory.evict(name);
  }

  private static Integer optionalInt(JsonObject spec, String key) {
    return spec.containsKey(key) && !spec.isNull(key) ? spec.getInt(key) : null;
  }

  private static Long optionalLong(JsonObject spec, String key) {
    return spec.containsKey(key) && !spec.isNull(key)
        ? spec.getJsonNumber(key).longValueExact()
        : null;
  }

  private static String readFile(Path dir, String name) {
    Path path = dir == null ? Path.of(name) : dir.resolve(name);
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read file named in the bootstrap file: " + path, e);
    }
  }
}
