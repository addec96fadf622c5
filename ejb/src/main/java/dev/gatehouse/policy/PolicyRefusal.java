package dev.gatehouse.policy;

import dev.gatehouse.exchange.Decision;
import dev.gatehouse.exchange.GatewayRefusal;

/** A refusal by a policy rule: the problem document names the rule. */
public class PolicyRefusal extends GatewayRefusal {

  private static final long serialVersionUID = 1L;

  private final String ruleId;

  public PolicyRefusal(int status, String reason, String detail, Decision decision, String ruleId) {
    super(status, reason, detail, decision);
    this.ruleId = ruleId;
  }

  public String ruleId() {
    return ruleId;
  }
}
