package dev.gatehouse.console.approvals;

import dev.gatehouse.approval.Approval;
import dev.gatehouse.approval.ApprovalService;
import dev.gatehouse.approval.ApprovalState;
import dev.gatehouse.approval.ApprovalVote;
import dev.gatehouse.approval.HeldRequest;
import dev.gatehouse.console.Messages;
import dev.gatehouse.console.login.CurrentOperator;
import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.exchange.TranscriptMasker;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * {@code approvals/approval.xhtml}, the page the approval notifications link to ({@code
 * /console/approvals/{id}}): one held request, masked — for a held tool call also the tool, its
 * description, the argument digest, the rule that held it and the arguments, masked — its votes so
 * far and its state, with approve and deny. Decisions go through {@link ApprovalService}, which
 * enforces every reviewer rule (not one's own request, the connection's reviewer groups, distinct
 * reviewers, a reason to deny).
 */
@Named
@ViewScoped
public class ApprovalBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient ApprovalService approvals;

  @Inject transient TranscriptMasker masker;

  @Inject transient CurrentOperator operator;

  private String id;
  private String reason;
  private transient Approval cached;
  private transient FacesContext cachedFor;
  private transient HeldRequest cachedHeld;
  private transient MaskedRequest cachedRequest;
  private transient HeldToolCall cachedToolCall;

  /**
   * The approval, read once per request; {@code null} when the id names none or one the operator
   * may not review (the connection's reviewer groups): the page then says it is unknown.
   */
  public Approval getApproval() {
    FacesContext now = FacesContext.getCurrentInstance();
    if (cachedFor != now) {
      cached = id == null ? null : approvals.findFor(id, operator.identity());
      cachedFor = now;
    }
    return cached;
  }

  /** The state as of now: a pending approval past its deadline shows as expired. */
  public ApprovalState getState() {
    Approval a = getApproval();
    return a == null ? null : a.stateAt(Instant.now());
  }

  /** The held request, unsealed once for the masked request and the tool call shown. */
  private HeldRequest held() {
    if (cachedHeld == null && getApproval() != null) {
      cachedHeld = approvals.heldRequest(getApproval());
    }
    return cachedHeld;
  }

  public MaskedRequest getRequest() {
    if (cachedRequest == null && getApproval() != null) {
      cachedRequest = MaskedRequest.of(held(), masker);
    }
    return cachedRequest;
  }

  /** The held tool call, or {@code null} when the approval holds a plain request. */
  public HeldToolCall getToolCall() {
    Approval a = getApproval();
    if (cachedToolCall == null && a != null && a.getToolName() != null) {
      cachedToolCall = HeldToolCall.of(a, held(), masker);
    }
    return cachedToolCall;
  }

  public List<ApprovalVote> getVotes() {
    return getApproval() == null ? List.of() : approvals.votes(id);
  }

  /** Whether the signed-in reviewer asked for this approval (then they may not decide it). */
  public boolean isOwnRequest() {
    Approval a = getApproval();
    return a != null && a.getRequesterSubject().equals(operator.getName());
  }

  /** Whether the decision form is offered (the service still has the last word). */
  public boolean isDecidable() {
    return getState() == ApprovalState.PENDING && !isOwnRequest();
  }

  public void approve() {
    decide(true);
  }

  public void deny() {
    decide(false);
  }

  /** Re-reads the approval after a change pushed over the WebSocket. */
  public void refresh() {
    cachedFor = null;
  }

  private void decide(boolean approve) {
    if (id == null) {
      return;
    }
    try {
      if (approve) {
        approvals.approve(id, operator.identity());
      } else {
        approvals.deny(id, operator.identity(), reason);
      }
      Messages.page(
          FacesMessage.SEVERITY_INFO,
          Messages.text(approve ? "inbox.approved" : "inbox.denied", "inbox.approved"),
          false);
      reason = null;
    } catch (GatewayRefusal refusal) {
      Messages.page(
          FacesMessage.SEVERITY_ERROR,
          Messages.text("inbox.refused." + refusal.reason(), "inbox.refused"),
          false);
    }
    refresh();
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    if (id != null && !id.equals(this.id)) {
      refresh();
      cachedHeld = null;
      cachedRequest = null;
      cachedToolCall = null;
      reason = null;
    }
    this.id = id == null || id.isBlank() ? null : id.strip();
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
