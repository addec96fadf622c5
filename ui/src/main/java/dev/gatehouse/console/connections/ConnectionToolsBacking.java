package dev.gatehouse.console.connections;

import dev.gatehouse.agent.ToolAcceptance;
import dev.gatehouse.agent.ToolInventory;
import dev.gatehouse.agent.ToolReviewRefused;
import dev.gatehouse.connection.ConnectionChangeRefused;
import dev.gatehouse.connection.ConnectionService;
import dev.gatehouse.console.Messages;
import dev.gatehouse.console.login.CurrentOperator;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code connections/tools.xhtml}: every tool seen on one connection, by name, as {@code GET
 * /api/v1/connections/{name}/tools} answers it (and to the same roles: admins, auditors and
 * reviewers). With the {@code review} parameter, one tool's pinned definition — beside, when the
 * tool is quarantined, the definition its server lists now, line against line — and for admins the
 * button that accepts exactly the definition shown ({@link ToolAcceptance}, as the API's {@code
 * accept}). View-scoped so that the accept form, rendered only for a quarantined tool, is still
 * there when its post is read; the inventory itself is read afresh on every request.
 */
@Named
@ViewScoped
public class ConnectionToolsBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient ConnectionService connections;

  @Inject transient ToolInventory inventory;

  @Inject transient ToolAcceptance acceptance;

  @Inject transient CurrentOperator operator;

  private String name;
  private String review;
  private String reviewedFingerprint;
  private transient FacesContext readFor;
  private transient boolean known;
  private transient List<ToolRow> tools;
  private transient ToolReviewView reviewed;

  /** Reads the inventory of the connection named by the {@code name} view parameter, if any. */
  public void load() throws SQLException {
    readFor = null;
    read();
  }

  /** Reads what the page shows once per request. */
  private void read() throws SQLException {
    FacesContext now = FacesContext.getCurrentInstance();
    if (readFor == now) {
      return;
    }
    readFor = now;
    known = false;
    tools = List.of();
    reviewed = null;
    if (name == null) {
      return;
    }
    try {
      connections.find(name);
    } catch (ConnectionChangeRefused unknown) {
      // As the API's 404: the page says there is no such connection.
      return;
    }
    known = true;
    tools = inventory.list(name).stream().map(ToolRow::new).toList();
    reviewed =
        review == null
            ? null
            : inventory.review(name, review).map(ToolReviewView::new).orElse(null);
  }

  /**
   * Accepts the definition the page showed, named by the fingerprint that came back with the form:
   * admins only, whatever the page rendered, since every operator role may post to it.
   */
  public String accept() throws SQLException {
    if (!operator.isAdmin()) {
      Messages.page(
          FacesMessage.SEVERITY_ERROR,
          Messages.text("tools.review.adminsOnly", "tools.review.adminsOnly"),
          false);
      return null;
    }
    if (name == null || review == null || reviewedFingerprint == null) {
      refused("definition_changed");
      return null;
    }
    try {
      acceptance.accept(name, review, reviewedFingerprint, operator.getName());
    } catch (ToolReviewRefused refused) {
      refused(refused.reason());
      return null;
    }
    Messages.page(
        FacesMessage.SEVERITY_INFO,
        Messages.text("tools.review.accepted", "tools.review.accepted"),
        true);
    return "/connections/tools.xhtml?faces-redirect=true&name="
        + URLEncoder.encode(name, StandardCharsets.UTF_8)
        + "&review="
        + URLEncoder.encode(review, StandardCharsets.UTF_8);
  }

  private void refused(String reason) throws SQLException {
    Messages.page(
        FacesMessage.SEVERITY_ERROR,
        Messages.text("tools.review.refused." + reason, "tools.review.refused"),
        false);
    // The page shows what is pending now, to be reviewed again.
    reviewedFingerprint = null;
    load();
  }

  /** The table's row classes: a quarantined tool, or one whose definition changed, stands out. */
  public String getRowClasses() throws SQLException {
    return String.join(
        ",",
        getTools().stream()
            .map(
                t ->
                    t.isQuarantined()
                        ? "quarantined"
                        : t.isDefinitionChanged() ? "changed" : "plain")
            .toList());
  }

  public List<ToolRow> getTools() throws SQLException {
    read();
    return tools;
  }

  /** Whether the name is a registered connection. */
  public boolean isKnown() throws SQLException {
    read();
    return known;
  }

  /** The tool under review as the inventory has it, or null (none asked for, or no such tool). */
  public ToolReviewView getReviewed() throws SQLException {
    read();
    return reviewed;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name == null || name.isBlank() ? null : name;
  }

  /** The tool under review (view parameter), or null. */
  public String getReview() {
    return review;
  }

  public void setReview(String review) {
    this.review = review == null || review.isBlank() ? null : review;
  }

  /** The fingerprint of the definition shown for acceptance, sent back with the form. */
  public String getReviewedFingerprint() throws SQLException {
    ToolReviewView r = getReviewed();
    return r == null ? null : r.getPendingFingerprint();
  }

  public void setReviewedFingerprint(String reviewedFingerprint) {
    this.reviewedFingerprint =
        reviewedFingerprint == null || reviewedFingerprint.isBlank() ? null : reviewedFingerprint;
  }
}
