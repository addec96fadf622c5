package dev.gatehouse.exchange;

import jakarta.interceptor.Interceptor;

/**
 * The order of the policy chain around {@code ProxyService.forward}, written once. Lower runs first
 * (outermost). Auditing is outermost so that every refusal further in still completes its record;
 * masking is innermost so that it wraps the response stream before anything else reads it.
 */
public final class InterceptorOrder {

  public static final int AUDITED = Interceptor.Priority.APPLICATION + 100;
  public static final int ACCESS_CHECKED = Interceptor.Priority.APPLICATION + 200;

  /** Rate limits need the verified caller, and refuse before any policy or backend work. */
  public static final int RATE_LIMITED = Interceptor.Priority.APPLICATION + 250;

  /**
   * The protocol is recognised and the agent facts read before any rule looks at the request, so
   * that rules (and their refusals, rendered as JSON-RPC errors for MCP) can use them.
   */
  public static final int AGENT_INSPECTED = Interceptor.Priority.APPLICATION + 280;

  /**
   * Budgets need the agent facts (a tool call, its session) and refuse before any rule or backend
   * work; they sit outside the rules so that a call refused further in can be taken back.
   */
  public static final int BUDGETED = Interceptor.Priority.APPLICATION + 290;

  public static final int DENYLIST_CHECKED = Interceptor.Priority.APPLICATION + 300;
  public static final int APPROVAL_GATED = Interceptor.Priority.APPLICATION + 400;
  public static final int MASKED = Interceptor.Priority.APPLICATION + 500;

  private InterceptorOrder() {}
}
