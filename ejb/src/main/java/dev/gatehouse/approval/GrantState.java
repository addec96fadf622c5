package dev.gatehouse.approval;

/** The life of a grant: {@code ACTIVE → REVOKED | EXPIRED}; both are final. */
public enum GrantState {
  ACTIVE,
  REVOKED,
  EXPIRED
}
