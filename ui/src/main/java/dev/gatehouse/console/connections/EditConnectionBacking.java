package dev.gatehouse.console.connections;

import dev.gatehouse.connection.ConnectionChangeRefused;
import dev.gatehouse.connection.ConnectionDirectory;
import dev.gatehouse.connection.ConnectionDocument;
import dev.gatehouse.connection.ConnectionService;
import dev.gatehouse.connection.ConnectionSpec;
import dev.gatehouse.connection.ConnectionView;
import dev.gatehouse.connection.FieldError;
import dev.gatehouse.connection.UpstreamTarget;
import dev.gatehouse.console.login.CurrentOperator;
import dev.gatehouse.proxy.ConnectionProbe;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * {@code connections/edit.xhtml}: creates or edits one connection through {@link ConnectionService}
 * (which validates every field at once; each error is shown beside its field), and tests it with
 * {@link ConnectionProbe}. The secret and client key fields are write-only: they start empty, are
 * never redisplayed, and an empty field keeps what is stored.
 */
@Named
@ViewScoped
public class EditConnectionBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Form fields whose ids match the service's field names. */
  private static final Map<String, String> FIELD_IDS =
      Map.ofEntries(
          Map.entry("name", "name"),
          Map.entry("baseUrl", "baseUrl"),
          Map.entry("credentialKind", "credentialKind"),
          Map.entry("credentialHeader", "credentialHeader"),
          Map.entry("secret", "secret"),
          Map.entry("trustedCaPem", "trustedCaPem"),
          Map.entry("pinSha256", "pinSha256"),
          Map.entry("minTlsVersion", "minTlsVersion"),
          Map.entry("connectTimeoutMillis", "connectTimeoutMillis"),
          Map.entry("readTimeoutMillis", "readTimeoutMillis"),
          Map.entry("maxRequestBytes", "maxRequestBytes"),
          Map.entry("allowedGroups", "allowedGroups"),
          Map.entry("rateLimitIntervalSeconds", "rateLimitIntervalSeconds"),
          Map.entry("rateLimitCallerRequests", "rateLimitCallerRequests"),
          Map.entry("rateLimitConnectionRequests", "rateLimitConnectionRequests"),
          Map.entry("rateLimitCallerConcurrent", "rateLimitCallerConcurrent"),
          Map.entry("rateLimitConnectionConcurrent", "rateLimitConnectionConcurrent"),
          Map.entry("approvalRequired", "approvalRequired"),
          Map.entry("approvalPendingTtlSeconds", "approvalPendingTtlSeconds"),
          Map.entry("approvalApprovedTtlSeconds", "approvalApprovedTtlSeconds"),
          Map.entry("approvalsRequired", "approvalsRequired"),
          Map.entry("reviewerGroups", "reviewerGroups"),
          Map.entry("protocol", "protocol"),
          Map.entry("toolDefault", "toolDefault"),
          Map.entry("mcpServerRequests", "mcpServerRequests"),
          Map.entry("budgetToolCallsPerSession", "budgetToolCallsPerSession"),
          Map.entry("budgetToolCallsPerWindow", "budgetToolCallsPerWindow"),
          Map.entry("budgetTokensPerWindow", "budgetTokensPerWindow"),
          Map.entry("budgetWindowSeconds", "budgetWindowSeconds"),
          Map.entry("budgetMaxToolResultBytes", "budgetMaxToolResultBytes"));

  @Inject transient ConnectionService connections;

  @Inject transient ConnectionDirectory directory;

  @Inject transient ConnectionProbe probe;

  @Inject transient CurrentOperator operator;

  private String editing;
  private Long version;
  private boolean secretSet;
  private String name;
  private String baseUrl;
  private String credentialKind = "BEARER";
  private String credentialHeader;
  private transient String secret;
  private String trustedCaPem;
  private String pinSha256;
  private String minTlsVersion = "TLSv1.2";
  private Integer connectTimeoutMillis = 2000;
  private Integer readTimeoutMillis = 30000;
  private Long maxRequestBytes = 10L * 1024 * 1024;
  private String allowedGroups;
  private String clientCertPem;
  private Long maxResponseBytes;

  // Empty rate-limit and approval numbers mean the configured default (gatehouse.ratelimit.*,
  // gatehouse.approval.*), exactly as an absent field in the admin API.
  private Integer rateLimitIntervalSeconds;
  private Integer rateLimitCallerRequests;
  private Integer rateLimitConnectionRequests;
  private Integer rateLimitCallerConcurrent;
  private Integer rateLimitConnectionConcurrent;
  private boolean approvalRequired;
  private Integer approvalPendingTtlSeconds;
  private Integer approvalApprovedTtlSeconds;
  private Integer approvalsRequired;
  private String reviewerGroups;
  private String protocol = "auto";
  private String toolDefault = "allow";
  private String mcpServerRequests = "block";

  // Empty budgets mean none, exactly as an absent field in the admin API.
  private Integer budgetToolCallsPerSession;
  private Integer budgetToolCallsPerWindow;
  private Long budgetTokensPerWindow;
  private Integer budgetWindowSeconds;
  private Long budgetMaxToolResultBytes;

  private String healthPath;
  private ConnectionProbe.Result probeResult;

  /** Loads the connection named by the {@code name} view parameter, if any. */
  public void load() {
    if (editing == null || version != null) {
      return;
    }
    ConnectionDocument.Entry e =
        connections.export().connections().stream()
            .filter(c -> c.name().equals(editing))
            .findFirst()
            .orElseThrow(ConnectionChangeRefused::unknown);
    name = e.name();
    baseUrl = e.baseUrl();
    credentialKind = e.credentialKind();
    credentialHeader = e.credentialHeader();
    secretSet = e.secretSet();
    trustedCaPem = e.trustedCaPem();
    pinSha256 = e.pinSha256();
    minTlsVersion = e.minTlsVersion();
    clientCertPem = e.clientCertPem();
    connectTimeoutMillis = e.connectTimeoutMillis();
    readTimeoutMillis = e.readTimeoutMillis();
    maxRequestBytes = e.maxRequestBytes();
    maxResponseBytes = e.maxResponseBytes();
    allowedGroups = String.join(", ", e.allowedGroups());
    rateLimitIntervalSeconds = e.rateLimitIntervalSeconds();
    rateLimitCallerRequests = e.rateLimitCallerRequests();
    rateLimitConnectionRequests = e.rateLimitConnectionRequests();
    rateLimitCallerConcurrent = e.rateLimitCallerConcurrent();
    rateLimitConnectionConcurrent = e.rateLimitConnectionConcurrent();
    approvalRequired = e.approvalRequired();
    approvalPendingTtlSeconds = e.approvalPendingTtlSeconds();
    approvalApprovedTtlSeconds = e.approvalApprovedTtlSeconds();
    approvalsRequired = e.approvalsRequired();
    reviewerGroups = String.join(", ", e.reviewerGroups());
    protocol = e.protocol();
    toolDefault = e.toolDefault();
    mcpServerRequests = e.mcpServerRequests();
    budgetToolCallsPerSession = e.budgetToolCallsPerSession();
    budgetToolCallsPerWindow = e.budgetToolCallsPerWindow();
    budgetTokensPerWindow = e.budgetTokensPerWindow();
    budgetWindowSeconds = e.budgetWindowSeconds();
    budgetMaxToolResultBytes = e.budgetMaxToolResultBytes();
    version = connections.find(editing).version();
  }

  public String save() {
    ConnectionSpec spec =
        new ConnectionSpec(
            editing == null ? blank(name) : editing,
            blank(baseUrl),
            blank(credentialKind),
            blank(credentialHeader),
            blank(secret),
            blank(trustedCaPem),
            blank(pinSha256),
            blank(minTlsVersion),
            clientCertPem,
            null,
            connectTimeoutMillis,
            readTimeoutMillis,
            maxRequestBytes,
            maxResponseBytes,
            commaSeparated(allowedGroups),
            rateLimitIntervalSeconds,
            rateLimitCallerRequests,
            rateLimitConnectionRequests,
            rateLimitCallerConcurrent,
            rateLimitConnectionConcurrent,
            approvalRequired,
            approvalPendingTtlSeconds,
            approvalApprovedTtlSeconds,
            approvalsRequired,
            commaSeparated(reviewerGroups),
            protocol,
            toolDefault,
            mcpServerRequests,
            budgetToolCallsPerSession,
            budgetToolCallsPerWindow,
            budgetTokensPerWindow,
            budgetWindowSeconds,
            budgetMaxToolResultBytes);
    secret = null;
    try {
      ConnectionView saved =
          editing == null
              ? connections.create(spec, operator.getName())
              : connections.update(editing, spec, version, operator.getName());
      editing = saved.name();
      version = saved.version();
      secretSet = saved.credential().secretSet();
      info("connections.saved");
      return "/connections/edit.xhtml?faces-redirect=true&name=" + saved.name();
    } catch (EJBException e) {
      if (e.getCause() instanceof ConnectionChangeRefused refused) {
        show(refused);
        return null;
      }
      throw e;
    } catch (ConnectionChangeRefused refused) {
      show(refused);
      return null;
    }
  }

  /** Performs the TLS handshake (and optional health request) as the data path would. */
  public void test() {
    if (editing == null) {
      return;
    }
    directory.evict(editing);
    UpstreamTarget target = directory.find(editing).orElse(null);
    probeResult = target == null ? null : probe.probe(target, healthPath);
  }

  private void show(ConnectionChangeRefused refused) {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (refused.errors().isEmpty()) {
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refused.getMessage(), null));
      return;
    }
    UIComponent form = faces.getViewRoot().findComponent("connection");
    for (FieldError error : refused.errors()) {
      String id = FIELD_IDS.get(error.field());
      UIComponent field = id == null || form == null ? null : form.findComponent(id);
      String text = (id == null ? error.field() + " " : "") + error.message();
      faces.addMessage(
          field == null ? null : field.getClientId(faces),
          new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }
    faces.validationFailed();
  }

  private static void info(String key) {
    FacesContext faces = FacesContext.getCurrentInstance();
    ResourceBundle msg = faces.getApplication().getResourceBundle(faces, "msg");
    faces.getExternalContext().getFlash().setKeepMessages(true);
    faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, msg.getString(key), null));
  }

  private static List<String> commaSeparated(String text) {
    return text == null || text.isBlank()
        ? List.of()
        : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  public boolean isNew() {
    return editing == null;
  }

  public String getEditing() {
    return editing;
  }

  public void setEditing(String editing) {
    this.editing = editing == null || editing.isBlank() ? null : editing;
  }

  public boolean isSecretSet() {
    return secretSet;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String getCredentialKind() {
    return credentialKind;
  }

  public void setCredentialKind(String credentialKind) {
    this.credentialKind = credentialKind;
  }

  public String getCredentialHeader() {
    return credentialHeader;
  }

  public void setCredentialHeader(String credentialHeader) {
    this.credentialHeader = credentialHeader;
  }

  /** Always empty: the secret is write-only. */
  public String getSecret() {
    return null;
  }

  public void setSecret(String secret) {
    this.secret = secret;
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

  public Integer getConnectTimeoutMillis() {
    return connectTimeoutMillis;
  }

  public void setConnectTimeoutMillis(Integer connectTimeoutMillis) {
    this.connectTimeoutMillis = connectTimeoutMillis;
  }

  public Integer getReadTimeoutMillis() {
    return readTimeoutMillis;
  }

  public void setReadTimeoutMillis(Integer readTimeoutMillis) {
    this.readTimeoutMillis = readTimeoutMillis;
  }

  public Long getMaxRequestBytes() {
    return maxRequestBytes;
  }

  public void setMaxRequestBytes(Long maxRequestBytes) {
    this.maxRequestBytes = maxRequestBytes;
  }

  public String getAllowedGroups() {
    return allowedGroups;
  }

  public void setAllowedGroups(String allowedGroups) {
    this.allowedGroups = allowedGroups;
  }

  public Integer getRateLimitIntervalSeconds() {
    return rateLimitIntervalSeconds;
  }

  public void setRateLimitIntervalSeconds(Integer rateLimitIntervalSeconds) {
    this.rateLimitIntervalSeconds = rateLimitIntervalSeconds;
  }

  public Integer getRateLimitCallerRequests() {
    return rateLimitCallerRequests;
  }

  public void setRateLimitCallerRequests(Integer rateLimitCallerRequests) {
    this.rateLimitCallerRequests = rateLimitCallerRequests;
  }

  public Integer getRateLimitConnectionRequests() {
    return rateLimitConnectionRequests;
  }

  public void setRateLimitConnectionRequests(Integer rateLimitConnectionRequests) {
    this.rateLimitConnectionRequests = rateLimitConnectionRequests;
  }

  public Integer getRateLimitCallerConcurrent() {
    return rateLimitCallerConcurrent;
  }

  public void setRateLimitCallerConcurrent(Integer rateLimitCallerConcurrent) {
    this.rateLimitCallerConcurrent = rateLimitCallerConcurrent;
  }

  public Integer getRateLimitConnectionConcurrent() {
    return rateLimitConnectionConcurrent;
  }

  public void setRateLimitConnectionConcurrent(Integer rateLimitConnectionConcurrent) {
    this.rateLimitConnectionConcurrent = rateLimitConnectionConcurrent;
  }

  public boolean isApprovalRequired() {
    return approvalRequired;
  }

  public void setApprovalRequired(boolean approvalRequired) {
    this.approvalRequired = approvalRequired;
  }

  public Integer getApprovalPendingTtlSeconds() {
    return approvalPendingTtlSeconds;
  }

  public void setApprovalPendingTtlSeconds(Integer approvalPendingTtlSeconds) {
    this.approvalPendingTtlSeconds = approvalPendingTtlSeconds;
  }

  public Integer getApprovalApprovedTtlSeconds() {
    return approvalApprovedTtlSeconds;
  }

  public void setApprovalApprovedTtlSeconds(Integer approvalApprovedTtlSeconds) {
    this.approvalApprovedTtlSeconds = approvalApprovedTtlSeconds;
  }

  public Integer getApprovalsRequired() {
    return approvalsRequired;
  }

  public void setApprovalsRequired(Integer approvalsRequired) {
    this.approvalsRequired = approvalsRequired;
  }

  public String getReviewerGroups() {
    return reviewerGroups;
  }

  public void setReviewerGroups(String reviewerGroups) {
    this.reviewerGroups = reviewerGroups;
  }

  public String getHealthPath() {
    return healthPath;
  }

  public void setHealthPath(String healthPath) {
    this.healthPath = healthPath;
  }

  public ConnectionProbe.Result getProbeResult() {
    return probeResult;
  }

  public String getProtocol() {
    return protocol;
  }

  public void setProtocol(String protocol) {
    this.protocol = protocol;
  }

  public String getToolDefault() {
    return toolDefault;
  }

  public void setToolDefault(String toolDefault) {
    this.toolDefault = toolDefault;
  }

  public String getMcpServerRequests() {
    return mcpServerRequests;
  }

  public void setMcpServerRequests(String mcpServerRequests) {
    this.mcpServerRequests = mcpServerRequests;
  }

  public Integer getBudgetToolCallsPerSession() {
    return budgetToolCallsPerSession;
  }

  public void setBudgetToolCallsPerSession(Integer budgetToolCallsPerSession) {
    this.budgetToolCallsPerSession = budgetToolCallsPerSession;
  }

  public Integer getBudgetToolCallsPerWindow() {
    return budgetToolCallsPerWindow;
  }

  public void setBudgetToolCallsPerWindow(Integer budgetToolCallsPerWindow) {
    this.budgetToolCallsPerWindow = budgetToolCallsPerWindow;
  }

  public Long getBudgetTokensPerWindow() {
    return budgetTokensPerWindow;
  }

  public void setBudgetTokensPerWindow(Long budgetTokensPerWindow) {
    this.budgetTokensPerWindow = budgetTokensPerWindow;
  }

  public Integer getBudgetWindowSeconds() {
    return budgetWindowSeconds;
  }

  public void setBudgetWindowSeconds(Integer budgetWindowSeconds) {
    this.budgetWindowSeconds = budgetWindowSeconds;
  }

  public Long getBudgetMaxToolResultBytes() {
    return budgetMaxToolResultBytes;
  }

  public void setBudgetMaxToolResultBytes(Long budgetMaxToolResultBytes) {
    this.budgetMaxToolResultBytes = budgetMaxToolResultBytes;
  }
}
