-- Gatehouse schema, version 6: approvals needing several reviewers, per-connection reviewer
-- groups, time-boxed grants, and the outbox of webhook notifications.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.

-- How many distinct reviewers must approve (NULL: the configured default) and, optionally, the
-- groups (comma-separated) a reviewer must belong to, per connection.
ALTER TABLE backend_connection ADD approvals_required INTEGER;
ALTER TABLE backend_connection ADD approval_reviewer_groups VARCHAR(2048);

-- A REQUIRE_APPROVAL rule may ask for more reviewers than its connection does.
ALTER TABLE policy_rule ADD approvals_required INTEGER;

ALTER TABLE approval ADD approvals_required INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE approval ADD approvals_given INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE approval ADD revoked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE approval ADD revoked_by VARCHAR(255);

-- One reviewer's vote on one approval; the key makes reviewers distinct.
CREATE TABLE approval_vote (
    approval_id   VARCHAR(36)   NOT NULL,
    reviewer      VARCHAR(255)  NOT NULL,
    verdict       VARCHAR(16)   NOT NULL,
    reason        VARCHAR(1024),
    voted_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (approval_id, reviewer)
);

CREATE TABLE approval_grant (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    state            VARCHAR(16)   NOT NULL,
    subject          VARCHAR(255)  NOT NULL,
    connection_name  VARCHAR(63)   NOT NULL,
    reason           VARCHAR(1024),
    granted_by       VARCHAR(255)  NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at       TIMESTAMP WITH TIME ZONE,
    revoked_by       VARCHAR(255),
    revoke_reason    VARCHAR(1024),
    uses             BIGINT        NOT NULL,
    version          BIGINT        NOT NULL
);

CREATE INDEX ix_grant_lookup ON approval_grant (subject, connection_name, state, expires_at);
CREATE INDEX ix_grant_state_expires ON approval_grant (state, expires_at);

-- Webhook notifications waiting to be delivered, delivered, or given up on (the outbox: written
-- in the same transaction as the change it reports, delivered later by a timer).
CREATE TABLE approval_notification (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    event            VARCHAR(32)   NOT NULL,
    subject_id       VARCHAR(36)   NOT NULL,
    payload          VARCHAR(65536) NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    attempts         INTEGER       NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at     TIMESTAMP WITH TIME ZONE,
    last_status      INTEGER,
    last_error       VARCHAR(1024),
    version          BIGINT        NOT NULL
);

CREATE INDEX ix_notification_due ON approval_notification (state, next_attempt_at);
CREATE INDEX ix_notification_created ON approval_notification (created_at);
