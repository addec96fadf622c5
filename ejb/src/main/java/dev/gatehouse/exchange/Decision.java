package dev.gatehouse.exchange;

/** How the gateway ended one request; stored as a string in the audit record. */
public enum Decision {
  /** Still in flight: the write-ahead state of an audit record. */
  STARTED,
  /** Forwarded to the backend; the response (of whatever status) went back to the caller. */
  ALLOWED,
  /** Refused by the gateway before forwarding: identity, access, unknown connection, bad input. */
  REFUSED,
  /** Refused by a policy rule. */
  BLOCKED,
  /** Held for a reviewer. */
  PENDING,
  /** Forwarded on the strength of an approval. */
  RELEASED,
  /** The backend failed or timed out, or the gateway failed while relaying. */
  ERROR,
  /** Started but never completed: found after a crash. */
  INTERRUPTED,
  /** Not a request: an operator's change (admin event) carried into the chained trail. */
  ADMIN
}
