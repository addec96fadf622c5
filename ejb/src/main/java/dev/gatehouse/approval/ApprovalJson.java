package dev.gatehouse.approval;

import dev.gatehouse.exchange.TranscriptMasker;
import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/**
 * Approvals and grants as JSON for admin events and webhook payloads: the facts and the decision
 * trail, never the held request itself.
 */
public final class ApprovalJson {

  private ApprovalJson() {}

  /** An approval as admin events and webhooks carry it, its path masked by {@code masker}. */
  public static JsonObject of(Approval a, TranscriptMasker masker) {
    JsonObjectBuilder o =
        Jsonp.PROVIDER
            .createObjectBuilder()
            .add("id", a.getId())
            .add("status", a.stateAt(Instant.now()).name())
            .add("requester", a.getRequesterSubject())
            .add("connection", a.getConnectionName())
            .add("method", a.getMethod())
            .add("path", masker.maskRequestTarget(a.getPath()))
            .add("bodySha256", a.getBodySha256())
            .add("heldReason", a.getHeldReason())
            .add("approvalsRequired", a.getApprovalsRequired())
            .add("approvalsGiven", a.getApprovalsGiven())
            .add("createdAt", a.getCreatedAt().toString())
            .add("expiresAt", a.getExpiresAt().toString());
    optional(o, "decidedAt", a.getDecidedAt());
    optional(o, "decidedBy", a.getDecidedBy());
    optional(o, "decisionReason", a.getDecisionReason());
    optional(o, "revokedBy", a.getRevokedBy());
    optional(o, "heldAuditId", a.getHeldAuditId());
    if (a.getToolName() != null) {
      o.add("toolCall", toolCall(a, null));
    }
    return o.build();
  }

  /**
   * The held tool call as a reviewer sees it: the tool, what it says of itself, the digest its
   * release is bound to, the rule that held it and, where given (at hold time only: the request is
   * kept sealed), the arguments, masked.
   */
  static JsonObject toolCall(Approval a, String maskedArguments) {
    JsonObjectBuilder call =
        Jsonp.PROVIDER
            .createObjectBuilder()
            .add("tool", a.getToolName())
            .add("argumentsSha256", a.getToolArgumentsSha256());
    optional(call, "description", a.getToolDescription());
    optional(call, "ruleId", a.getToolRuleId());
    if (a.getToolRuleVersion() != null) {
      call.add("ruleVersion", a.getToolRuleVersion());
    }
    optional(call, "arguments", maskedArguments);
    return call.build();
  }

  public static JsonObject of(ApprovalGrant g) {
    JsonObjectBuilder o =
        Jsonp.PROVIDER
            .createObjectBuilder()
            .add("id", g.getId())
            .add("status", g.stateAt(Instant.now()).name())
            .add("subject", g.getSubject())
            .add("connection", g.getConnectionName())
            .add("grantedBy", g.getGrantedBy())
            .add("createdAt", g.getCreatedAt().toString())
            .add("expiresAt", g.getExpiresAt().toString())
            .add("uses", g.getUses());
    optional(o, "reason", g.getReason());
    optional(o, "revokedAt", g.getRevokedAt());
    optional(o, "revokedBy", g.getRevokedBy());
    optional(o, "revokeReason", g.getRevokeReason());
    return o.build();
  }

  private static void optional(JsonObjectBuilder o, String name, Object value) {
    if (value != null) {
      o.add(name, value.toString());
    }
  }
}
