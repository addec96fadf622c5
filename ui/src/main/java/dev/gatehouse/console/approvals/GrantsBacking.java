package dev.gatehouse.console.approvals;

import dev.gatehouse.approval.ApprovalConfiguration;
import dev.gatehouse.approval.ApprovalGrant;
import dev.gatehouse.approval.GrantService;
import dev.gatehouse.approval.GrantState;
import dev.gatehouse.connection.BackendConnection;
import dev.gatehouse.connection.ConnectionRepository;
import dev.gatehouse.console.Messages;
import dev.gatehouse.console.login.CurrentOperator;
import dev.gatehouse.exchange.GatewayRefusal;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code approvals/grants.xhtml}, also reached as {@code /console/grants/{id}} from notifications:
 * time-boxed grants, active ones first (soonest to end first), then recently ended ones; a form to
 * grant a caller a connection for a number of minutes; and, for the selected grant, revocation with
 * a reason. Every rule (no self-grant, the connection's reviewer groups, the longest window) is
 * {@link GrantService}'s, the same as behind {@code /api/v1/approvals/grants}.
 */
@Named
@ViewScoped
public class GrantsBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final int ENDED = 50;

  @Inject transient GrantService grants;

  @Inject transient ConnectionRepository connections;

  @Inject transient ApprovalConfiguration config;

  @Inject transient CurrentOperator operator;

  private String selectedId;
  private String subject;
  private String connection;
  private Long durationMinutes = 60L;
  private String reason;
  private String revokeReason;

  public List<ApprovalGrant> getActive() {
    List<ApprovalGrant> active = new ArrayList<>(grants.list(GrantState.ACTIVE, null, null, 500));
    active.sort(Comparator.comparing(ApprovalGrant::getExpiresAt));
    return active;
  }

  public List<ApprovalGrant> getEnded() {
    Instant now = Instant.now();
    return grants.list(null, null, null, ENDED + 500).stream()
        .filter(g -> g.stateAt(now) != GrantState.ACTIVE)
        .limit(ENDED)
        .toList();
  }

  /** The state as of now: an active grant past its end shows as expired before the sweep. */
  public GrantState state(ApprovalGrant grant) {
    return grant.stateAt(Instant.now());
  }

  /** The table's row classes: the selected grant's row is highlighted. */
  public String rowClasses(List<ApprovalGrant> rows) {
    return String.join(
        ",", rows.stream().map(g -> g.getId().equals(selectedId) ? "highlight" : "plain").toList());
  }

  public ApprovalGrant getSelected() {
    return selectedId == null ? null : grants.find(selectedId);
  }

  public List<String> getConnectionNames() {
    return connections.findAll().stream().map(BackendConnection::getName).toList();
  }

  /**
   * The longest window, in whole minutes, as {@code gatehouse.approval.grant-max-seconds} allows.
   */
  public long getMaxMinutes() {
    return Math.max(1, config.grantMax().toMinutes());
  }

  /** Grants the caller the connection; the form is cleared and the new grant selected. */
  public void create() {
    try {
      ApprovalGrant grant =
          grants.create(
              subject,
              connection,
              durationMinutes == null ? null : Duration.ofMinutes(durationMinutes),
              reason,
              operator.identity());
      selectedId = grant.getId();
      subject = null;
      reason = null;
      Messages.page(
          FacesMessage.SEVERITY_INFO,
          Messages.text("grants.created.message", "grants.created.message"),
          false);
    } catch (GatewayRefusal refusal) {
      refused(refusal);
    }
  }

  /** Ends the selected grant now, with the reason given. */
  public void revoke() {
    if (selectedId == null) {
      return;
    }
    try {
      grants.revoke(selectedId, revokeReason, operator.identity());
      revokeReason = null;
      Messages.page(
          FacesMessage.SEVERITY_INFO, Messages.text("grants.revoked", "grants.revoked"), false);
    } catch (GatewayRefusal refusal) {
      refused(refusal);
    }
  }

  private static void refused(GatewayRefusal refusal) {
    String key = "grants.refused." + refusal.reason();
    String text = Messages.text(key, "grants.refused");
    // invalid_grant's detail names the broken rule (and never holds a secret).
    if (refusal.reason().equals("invalid_grant")) {
      text = text + " " + refusal.detail();
    }
    Messages.page(FacesMessage.SEVERITY_ERROR, text, false);
  }

  public String getSelectedId() {
    return selectedId;
  }

  public void setSelectedId(String id) {
    if (id != null && !id.equals(selectedId)) {
      revokeReason = null;
    }
    selectedId = id == null || id.isBlank() ? null : id.strip();
  }

  public String getSubject() {
    return subject;
  }

  public void setSubject(String subject) {
    this.subject = subject;
  }

  public String getConnection() {
    return connection;
  }

  public void setConnection(String connection) {
    this.connection = connection;
  }

  public Long getDurationMinutes() {
    return durationMinutes;
  }

  public void setDurationMinutes(Long durationMinutes) {
    this.durationMinutes = durationMinutes;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getRevokeReason() {
    return revokeReason;
  }

  public void setRevokeReason(String revokeReason) {
    this.revokeReason = revokeReason;
  }
}
