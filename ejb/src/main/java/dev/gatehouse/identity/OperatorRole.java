package dev.gatehouse.identity;

/** What an operator may do in the admin API and the console. */
public enum OperatorRole {
  /** Manages connections, policies and everything else. */
  ADMIN("gatehouse-admin"),
  /** Answers approval requests. */
  REVIEWER("gatehouse-reviewer"),
  /** Reads the audit trail. */
  AUDITOR("gatehouse-auditor");

  private final String roleName;

  OperatorRole(String roleName) {
    this.roleName = roleName;
  }

  /** The role's name, also the default name of the group that grants it. */
  public String roleName() {
    return roleName;
  }
}
