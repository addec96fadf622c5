package dev.gatehouse.connection;

import dev.gatehouse.admin.AdminEvent;
import dev.gatehouse.admin.AdminEventRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Changes the registry on an operator's behalf: validates every field (reporting all invalid ones
 * at once), seals secrets and client keys before they reach the database, enforces optimistic
 * concurrency ({@code If-Match}), never lets a kept secret follow the connection to another backend
 * origin (the secret must be given again), records an {@link AdminEvent} with redacted before/after
 * views in the same transaction, and evicts the data path's cached snapshot.
 */
@Stateless
public class ConnectionService {

  private static final Set<String> FORBIDDEN_CREDENTIAL_HEADERS =
      Set.of(
          "host",
          "connection",
          "content-length",
          "transfer-encoding",
          "te",
          "upgrade",
          "keep-alive",
          "proxy-authorization",
          "cookie");

  private static final Jsonb JSONB = JsonbBuilder.create();

  /** The width of {@code backend_connection.approval_reviewer_groups}. */
  private static final int MAX_REVIEWER_GROUPS_CHARS = 2048;

  @PersistenceContext(unitName = "gatehouse")
  private EntityManager em;

  @Inject ConnectionRepository repository;

  @Inject SecretCipher cipher;

  @Inject ConnectionDirectory directory;

  @Inject HostGuard hostGuard;

  @Inject AdminEventRepository events;

  @Inject Validator validator;

  @Inject Event<ConnectionChanged> changed;

  public List<ConnectionView> list() {
    return repository.findAll().stream().map(this::view).toList();
  }

  public ConnectionView find(String name) {
    return view(repository.findByName(name).orElseThrow(ConnectionChangeRefused::unknown));
  }

  public ConnectionView create(ConnectionSpec spec, String actor) {
    validate(spec, null);
    if (repository.findByName(spec.name()).isPresent()) {
      throw new ConnectionChangeRefused(
          409, "duplicate_connection", "A connection by that name exists already.");
    }
    BackendConnection c = new BackendConnection(spec.name(), spec.baseUrl());
    apply(c, spec);
    em.persist(c);
    flush();
    ConnectionView after = view(c);
    events.record(new AdminEvent(actor, "CREATE", "connection", c.getName(), null, json(after)));
    changed(c.getName());
    return after;
  }

  public ConnectionView update(
      String name, ConnectionSpec spec, Long expectedVersion, String actor) {
    BackendConnection c = repository.findByName(name).orElseThrow(ConnectionChangeRefused::unknown);
    checkVersion(c, expectedVersion);
    if (spec.name() != null && !spec.name().equals(name)) {
      throw ConnectionChangeRefused.invalid(
          List.of(new FieldError("name", "cannot be changed; delete and create instead")));
    }
    validate(spec, c);
    String before = json(view(c));
    apply(c, spec);
    flush();
    ConnectionView after = view(c);
    events.record(new AdminEvent(actor, "UPDATE", "connection", name, before, json(after)));
    changed(name);
    return after;
  }

  public void delete(String name, Long expectedVersion, String actor) {
    BackendConnection c = repository.findByName(name).orElseThrow(ConnectionChangeRefused::unknown);
    checkVersion(c, expectedVersion);
    String before = json(view(c));
    em.remove(c);
    flush();
    events.record(new AdminEvent(actor, "DELETE", "connection", name, before, null));
    changed(name);
  }

  /** The registry as one declarative document, secrets omitted. */
  public ConnectionDocument export() {
    return new ConnectionDocument(
        repository.findAll().stream().map(ConnectionDocument.Entry::of).toList());
  }

  /**
   * Creates or updates (by name) every connection of a document, all or nothing: every entry is
   * validated first and any invalid field refuses the whole import, its field named {@code
   * connections[i].field}. Entries equal to what is stored are left alone (no new version, no
   * event), so importing an export changes nothing. Connections the document does not name are
   * kept.
   */
  public ConnectionDocument.ImportResult importAll(List<ConnectionSpec> specs, String actor) {
    if (specs == null) {
      throw ConnectionChangeRefused.invalid(List.of(new FieldError("connections", "is required")));
    }
    List<FieldError> errors = new ArrayList<>();
    Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < specs.size(); i++) {
      String prefix = "connections[" + i + "]";
      ConnectionSpec spec = specs.get(i);
      if (spec == null) {
        errors.add(new FieldError(prefix, "must be a JSON object"));
        continue;
      }
      if (spec.name() != null && !names.add(spec.name())) {
        errors.add(new FieldError(prefix + ".name", "appears more than once"));
      }
      BackendConnection existing =
          spec.name() == null ? null : repository.findByName(spec.name()).orElse(null);
      if (existing != null && unchanged(existing, spec)) {
        // Changes nothing, so nothing to refuse (e.g. a connection declared at deployment).
        continue;
      }
      try {
        validate(spec, existing);
      } catch (ConnectionChangeRefused e) {
        e.errors().forEach(f -> errors.add(new FieldError(prefix + "." + f.field(), f.message())));
      }
    }
    if (!errors.isEmpty()) {
      throw ConnectionChangeRefused.invalid(errors);
    }
    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (ConnectionSpec spec : specs) {
      BackendConnection existing = repository.findByName(spec.name()).orElse(null);
      if (existing == null) {
        create(spec, actor);
        created.add(spec.name());
      } else if (unchanged(existing, spec)) {
        unchanged.add(spec.name());
      } else {
        update(spec.name(), spec, null, actor);
        updated.add(spec.name());
      }
    }
    ConnectionDocument.ImportResult result =
        new ConnectionDocument.ImportResult(created, updated, unchanged);
    events.record(new AdminEvent(actor, "IMPORT", "connections", null, null, JSONB.toJson(result)));
    return result;
  }

  /** Whether applying the spec would leave the stored connection as it is. */
  private boolean unchanged(BackendConnection c, ConnectionSpec spec) {
    if (spec.baseUrl() == null
        || (spec.credentialKind() != null
            && !spec.credentialKind().matches("NONE|BEARER|BASIC|HEADER"))) {
      return false;
    }
    CredentialKind kind = spec.kind();
    if (spec.secret() != null
        && (c.sealedSecret() == null
            || !spec.secret().equals(cipher.open(c.sealedSecret(), c.getId())))) {
      return false;
    }
    if (spec.clientKeyPem() != null && !spec.clientKeyPem().isBlank()) {
      return false;
    }
    boolean keepsSecret = kind == CredentialKind.NONE ? c.sealedSecret() == null : true;
    return keepsSecret
        && kind == c.getCredentialKind()
        && java.util.Objects.equals(spec.credentialHeader(), c.getCredentialHeader())
        && spec.baseUrl().equals(c.getBaseUrl())
        && java.util.Objects.equals(blankToNull(spec.trustedCaPem()), c.getTrustedCaPem())
        && java.util.Objects.equals(
            spec.pinSha256() == null ? null : spec.pinSha256().toLowerCase(Locale.ROOT),
            c.getPinSha256())
        && (spec.minTlsVersion() == null ? "TLSv1.2" : spec.minTlsVersion())
            .equals(c.getMinTlsVersion())
        && java.util.Objects.equals(blankToNull(spec.clientCertPem()), c.getClientCertPem())
        && (spec.connectTimeoutMillis() == null ? 2000 : spec.connectTimeoutMillis())
            == c.getConnectTimeoutMillis()
        && (spec.readTimeoutMillis() == null ? 30000 : spec.readTimeoutMillis())
            == c.getReadTimeoutMillis()
        && (spec.maxRequestBytes() == null ? 10L * 1024 * 1024 : spec.maxRequestBytes())
            == c.getMaxRequestBytes()
        && (spec.maxResponseBytes() == null ? 100L * 1024 * 1024 : spec.maxResponseBytes())
            == c.getMaxResponseBytes()
        && new LinkedHashSet<>(spec.allowedGroups() == null ? List.of() : spec.allowedGroups())
            .equals(c.getAllowedGroups())
        && spec.rateLimits().equals(c.getRateLimits())
        && Boolean.TRUE.equals(spec.approvalRequired()) == c.isApprovalRequired()
        && java.util.Objects.equals(
            spec.approvalPendingTtlSeconds(), c.getApprovalPendingTtlSeconds())
        && java.util.Objects.equals(
            spec.approvalApprovedTtlSeconds(), c.getApprovalApprovedTtlSeconds())
        && java.util.Objects.equals(spec.approvalsRequired(), c.getApprovalsRequired())
        && List.copyOf(spec.reviewerGroupSet()).equals(List.copyOf(c.getApprovalReviewerGroups()))
        && spec.agentSettings().equals(c.getAgentSettings())
        && spec.budgets().equals(c.getBudgets());
  }

  /**
   * Reloads the key ring and re-seals every secret and client key not yet under the active key.
   *
   * @return how many connections were re-sealed
   */
  public RotationResult rotateSecrets(String actor) {
    cipher.reload();
    String active = cipher.activeKeyId();
    int resealed = 0;
    List<BackendConnection> all = repository.findAll();
    for (BackendConnection c : all) {
      SealedSecret secret = c.sealedSecret();
      SealedSecret key = c.sealedClientKey();
      SealedSecret newSecret =
          secret == null || secret.keyId().equals(active)
              ? null
              : cipher.seal(cipher.open(secret, c.getId()), c.getId());
      SealedSecret newKey =
          key == null || key.keyId().equals(active)
              ? null
              : cipher.seal(cipher.open(key, c.getId()), c.getId());
      if (newSecret != null || newKey != null) {
        c.reseal(newSecret, newKey);
        resealed++;
      }
    }
    flush();
    RotationResult result = new RotationResult(active, all.size(), resealed);
    events.record(
        new AdminEvent(actor, "ROTATE_SECRETS", "secrets-key", active, null, JSONB.toJson(result)));
    all.forEach(c -> changed(c.getName()));
    return result;
  }

  private void changed(String name) {
    directory.evict(name);
    changed.fire(new ConnectionChanged(name));
  }

  /** What a rotation did. */
  public record RotationResult(String activeKeyId, int connections, int resealed) {}

  private void checkVersion(BackendConnection c, Long expectedVersion) {
    if (expectedVersion != null && expectedVersion != c.getVersion()) {
      throw new ConnectionChangeRefused(
          412,
          "stale_version",
          "The connection changed since version " + expectedVersion + "; read it again.");
    }
  }

  private void flush() {
    try {
      em.flush();
    } catch (OptimisticLockException e) {
      throw new ConnectionChangeRefused(
          412, "stale_version", "The connection was changed concurrently; read it again.");
    }
  }

  private void validate(ConnectionSpec spec, BackendConnection existing) {
    List<FieldError> errors = new ArrayList<>();
    for (ConstraintViolation<ConnectionSpec> v : validator.validate(spec)) {
      errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage()));
    }
    if (spec.baseUrl() != null && !spec.baseUrl().isBlank()) {
      hostGuard
          .refusal(spec.baseUrl(), false)
          .ifPresent(m -> errors.add(new FieldError("baseUrl", m)));
    }
    boolean kindValid =
        spec.credentialKind() == null || spec.credentialKind().matches("NONE|BEARER|BASIC|HEADER");
    if (kindValid) {
      CredentialKind kind = spec.kind();
      boolean hasSecret =
          spec.secret() != null
              || (existing != null
                  && existing.sealedSecret() != null
                  && existing.getCredentialKind() != CredentialKind.NONE);
      if (kind != CredentialKind.NONE && !hasSecret) {
        errors.add(new FieldError("secret", "is required for credential kind " + kind));
      } else if (kind != CredentialKind.NONE
          && spec.secret() == null
          && existing != null
          && !sameOrigin(existing.getBaseUrl(), spec.baseUrl())) {
        // A kept secret must not follow the connection to another backend: whoever may edit the
        // URL could otherwise point it at a host they control and receive the credential.
        errors.add(new FieldError("secret", "must be given again when the backend origin changes"));
      }
      if (kind == CredentialKind.HEADER) {
        if (spec.credentialHeader() == null) {
          errors.add(new FieldError("credentialHeader", "is required for credential kind HEADER"));
        } else if (FORBIDDEN_CREDENTIAL_HEADERS.contains(
            spec.credentialHeader().toLowerCase(Locale.ROOT))) {
          errors.add(new FieldError("credentialHeader", "must not be a connection-level header"));
        }
      }
      if (kind == CredentialKind.BASIC && spec.secret() != null && !spec.secret().contains(":")) {
        errors.add(new FieldError("secret", "must read user:password for credential kind BASIC"));
      }
    }
    if (spec.secret() != null && spec.secret().chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
      errors.add(new FieldError("secret", "must not contain control characters"));
    }
    if (spec.trustedCaPem() != null && !spec.trustedCaPem().isBlank()) {
      try {
        Pem.certificates(spec.trustedCaPem());
      } catch (GeneralSecurityException | RuntimeException e) {
        errors.add(new FieldError("trustedCaPem", "is not a PEM certificate list"));
      }
    }
    validateClientCertificate(spec, existing, errors);
    if (String.join(",", spec.reviewerGroupSet()).length() > MAX_REVIEWER_GROUPS_CHARS) {
      // They are stored as one comma-separated column of this size.
      errors.add(
          new FieldError(
              "reviewerGroups",
              "may hold at most " + MAX_REVIEWER_GROUPS_CHARS + " characters together"));
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparing(FieldError::field));
      throw ConnectionChangeRefused.invalid(errors);
    }
  }

  private static boolean sameOrigin(String before, String after) {
    try {
      java.net.URI a = java.net.URI.create(before);
      java.net.URI b = java.net.URI.create(after);
      return String.valueOf(a.getScheme()).equalsIgnoreCase(String.valueOf(b.getScheme()))
          && String.valueOf(a.getHost()).equalsIgnoreCase(String.valueOf(b.getHost()))
          && a.getPort() == b.getPort();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void validateClientCertificate(
      ConnectionSpec spec, BackendConnection existing, List<FieldError> errors) {
    boolean cert = spec.clientCertPem() != null && !spec.clientCertPem().isBlank();
    boolean key = spec.clientKeyPem() != null && !spec.clientKeyPem().isBlank();
    boolean keptKey = existing != null && existing.sealedClientKey() != null;
    if (key && !cert) {
      errors.add(new FieldError("clientCertPem", "is required with clientKeyPem"));
    }
    if (cert && !key && !keptKey) {
      errors.add(new FieldError("clientKeyPem", "is required with clientCertPem"));
    }
    if (cert) {
      try {
        Pem.certificates(spec.clientCertPem());
      } catch (GeneralSecurityException | RuntimeException e) {
        errors.add(new FieldError("clientCertPem", "is not a PEM certificate"));
      }
    }
    if (key) {
      try {
        Pem.privateKey(spec.clientKeyPem());
      } catch (GeneralSecurityException | RuntimeException e) {
        // The message never repeats the key.
        errors.add(new FieldError("clientKeyPem", "is not an unencrypted PKCS#8 PEM private key"));
      }
    }
  }

  private void apply(BackendConnection c, ConnectionSpec spec) {
    c.setBaseUrl(spec.baseUrl());
    c.setTrustedCaPem(blankToNull(spec.trustedCaPem()));
    c.setPinSha256(spec.pinSha256() == null ? null : spec.pinSha256().toLowerCase(Locale.ROOT));
    c.setMinTlsVersion(spec.minTlsVersion() == null ? "TLSv1.2" : spec.minTlsVersion());
    c.setConnectTimeoutMillis(
        spec.connectTimeoutMillis() == null ? 2000 : spec.connectTimeoutMillis());
    c.setReadTimeoutMillis(spec.readTimeoutMillis() == null ? 30000 : spec.readTimeoutMillis());
    c.setMaxRequestBytes(
        spec.maxRequestBytes() == null ? 10L * 1024 * 1024 : spec.maxRequestBytes());
    c.setMaxResponseBytes(
        spec.maxResponseBytes() == null ? 100L * 1024 * 1024 : spec.maxResponseBytes());
    c.setAllowedGroups(
        spec.allowedGroups() == null ? Set.of() : new LinkedHashSet<>(spec.allowedGroups()));
    c.setRateLimits(spec.rateLimits());
    c.setApprovalRequired(Boolean.TRUE.equals(spec.approvalRequired()));
    c.setApprovalPendingTtlSeconds(spec.approvalPendingTtlSeconds());
    c.setApprovalApprovedTtlSeconds(spec.approvalApprovedTtlSeconds());
    c.setApprovalsRequired(spec.approvalsRequired());
    c.setApprovalReviewerGroups(spec.reviewerGroupSet());
    c.setAgentSettings(spec.agentSettings());
    c.setBudgets(spec.budgets());
    CredentialKind kind = spec.kind();
    SealedSecret sealed;
    if (kind == CredentialKind.NONE) {
      sealed = null;
    } else if (spec.secret() != null) {
      sealed = cipher.seal(spec.secret(), c.getId());
    } else {
      sealed = c.sealedSecret();
    }
    c.useCredential(kind, spec.credentialHeader(), sealed);
    String certPem = blankToNull(spec.clientCertPem());
    if (certPem == null) {
      c.useClientCertificate(null, null);
    } else if (spec.clientKeyPem() != null && !spec.clientKeyPem().isBlank()) {
      c.useClientCertificate(certPem, cipher.seal(spec.clientKeyPem(), c.getId()));
    } else {
      c.useClientCertificate(certPem, c.sealedClientKey());
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** The redacted view of a connection. */
  public ConnectionView view(BackendConnection c) {
    SealedSecret sealed = c.sealedSecret();
    String fingerprint = sealed == null ? null : cipher.fingerprint(cipher.open(sealed, c.getId()));
    List<String> caSubjects = List.of();
    if (c.getTrustedCaPem() != null) {
      caSubjects = subjects(c.getTrustedCaPem());
    }
    List<String> clientSubjects =
        c.getClientCertPem() == null ? List.of() : subjects(c.getClientCertPem());
    return new ConnectionView(
        c.getName(),
        c.getBaseUrl(),
        new ConnectionView.Credential(
            c.getCredentialKind().name(),
            c.getCredentialHeader(),
            sealed != null,
            fingerprint,
            sealed == null ? null : sealed.keyId()),
        new ConnectionView.Tls(
            c.getTrustedCaPem() != null,
            caSubjects,
            c.getPinSha256(),
            c.getMinTlsVersion(),
            clientSubjects.isEmpty() ? null : clientSubjects.get(0),
            c.sealedClientKey() != null),
        c.getConnectTimeoutMillis(),
        c.getReadTimeoutMillis(),
        c.getMaxRequestBytes(),
        c.getMaxResponseBytes(),
        List.copyOf(c.getAllowedGroups()),
        c.getRateLimits(),
        new ConnectionView.Approval(
            c.isApprovalRequired(),
            c.getApprovalPendingTtlSeconds(),
            c.getApprovalApprovedTtlSeconds(),
            c.getApprovalsRequired(),
            List.copyOf(c.getApprovalReviewerGroups())),
        ConnectionView.Agent.of(c.getAgentSettings()),
        c.getBudgets(),
        c.getVersion(),
        c.getCreatedAt(),
        c.getUpdatedAt());
  }

  private static List<String> subjects(String pem) {
    try {
      return Pem.certificates(pem).stream()
          .map(X509Certificate::getSubjectX500Principal)
          .map(Object::toString)
          .toList();
    } catch (GeneralSecurityException | RuntimeException e) {
      return List.of("(unreadable)");
    }
  }

  private static String json(ConnectionView view) {
    return JSONB.toJson(view);
  }
}
