package dev.gatehouse.console.approvals;

import dev.gatehouse.approval.Approval;
import dev.gatehouse.approval.ApprovalService;
import dev.gatehouse.approval.ApprovalState;
import dev.gatehouse.approval.HeldRequest;
import dev.gatehouse.console.login.CurrentOperator;
import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.exchange.TranscriptMasker;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ResourceBundle;

/**
 * {@code approvals/inbox.xhtml}: pending requests first (oldest first, as they expire first), then
 * recent decisions — only those of connections the operator may review (their reviewer groups, as
 * for deciding: {@link ApprovalService#mayReview}). The selected request is shown masked. Decisions
 * go through {@link ApprovalService}, which refuses a reviewer's own request and a denial without a
 * reason. A held tool call is listed by its tool ("calls …") rather than its method and path.
 */
@Named
@ViewScoped
public class InboxBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final int RECENT = 50;

  @Inject transient ApprovalService approvals;

  @Inject transient TranscriptMasker masker;

  @Inject transient CurrentOperator operator;

  private String selectedId;
  private String reason;
  private transient HeldRequest cachedHeld;
  private transient MaskedRequest cachedRequest;
  private transient HeldToolCall cachedToolCall;

  public List<Approval> getPending() {
    List<Approval> pending =
        new ArrayList<>(
            approvals.listFor(operator.identity(), ApprovalState.PENDING, null, null, 500));
    pending.sort(Comparator.comparing(Approval::getCreatedAt));
    return pending;
  }

  public List<Approval> getDecided() {
    return approvals.listFor(operator.identity(), null, null, null, RECENT).stream()
        .filter(a -> a.getState() != ApprovalState.PENDING)
        .toList();
  }

  public Approval getSelected() {
    return selectedId == null ? null : approvals.findFor(selectedId, operator.identity());
  }

  /** The selected approval's held request, unsealed once for what the card shows of it. */
  private HeldRequest selectedHeld(Approval a) {
    if (cachedHeld == null) {
      cachedHeld = approvals.heldRequest(a);
    }
    return cachedHeld;
  }

  public MaskedRequest getSelectedRequest() {
    if (cachedRequest != null) {
      return cachedRequest;
    }
    Approval a = getSelected();
    if (a == null) {
      return null;
    }
    cachedRequest = MaskedRequest.of(selectedHeld(a), masker);
    return cachedRequest;
  }

  /** The selected approval's tool call, or {@code null} when it holds a plain request. */
  public HeldToolCall getSelectedToolCall() {
    if (cachedToolCall != null) {
      return cachedToolCall;
    }
    Approval a = getSelected();
    if (a == null || a.getToolName() == null) {
      return null;
    }
    cachedToolCall = HeldToolCall.of(a, selectedHeld(a), masker);
    return cachedToolCall;
  }

  /** The masked headers as {@code name: value} lines. */
  public List<String> headerLines(MaskedRequest request) {
    return request.headerLines();
  }

  /** Whether the signed-in reviewer asked for this approval (then they may not decide it). */
  public boolean ownRequest(Approval a) {
    return a != null && a.getRequesterSubject().equals(operator.getName());
  }

  public void setSelectedId(String id) {
    if (id != null && !id.equals(selectedId)) {
      reason = null;
      cachedHeld = null;
      cachedRequest = null;
      cachedToolCall = null;
    }
    selectedId = id == null || id.isBlank() ? null : id;
  }

  public void approve() {
    decide(true);
  }

  public void deny() {
    decide(false);
  }

  private void decide(boolean approve) {
    if (selectedId == null) {
      return;
    }
    try {
      if (approve) {
        approvals.approve(selectedId, operator.identity());
      } else {
        approvals.deny(selectedId, operator.identity(), reason);
      }
      message(FacesMessage.SEVERITY_INFO, approve ? "inbox.approved" : "inbox.denied");
      reason = null;
    } catch (GatewayRefusal refusal) {
      message(FacesMessage.SEVERITY_ERROR, "inbox.refused." + refusal.reason());
    }
  }

  private static void message(FacesMessage.Severity severity, String key) {
    FacesContext faces = FacesContext.getCurrentInstance();
    ResourceBundle msg = faces.getApplication().getResourceBundle(faces, "msg");
    String text = msg.containsKey(key) ? msg.getString(key) : msg.getString("inbox.refused");
    faces.addMessage(null, new FacesMessage(severity, text, null));
  }

  public String getSelectedId() {
    return selectedId;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
