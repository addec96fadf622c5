package dev.gatehouse.audit;

import dev.gatehouse.exchange.Decision;
import dev.gatehouse.platform.Jsonp;
import java.time.Instant;
import java.util.UUID;

/**
 * The record that says, in the chain itself, that records from here on are sealed under a chain
 * key: chained at start when the newest record is not under the active key (the key was just
 * configured or rotated). Shaped like an admin event (decision {@code ADMIN}), so the export, the
 * sinks and the search show it as one: actor {@code gatehouse}, action {@code CHAIN_KEY}, path
 * {@code /audit-chain/<key id>}, and the change document {@code {"targetKind":"audit-chain",
 * "targetName":"<key id>","before":null,"after":{"keyId","instance"}}} as its request transcript.
 */
final class ChainKeyChange {

  static final String ACTION = "CHAIN_KEY";

  private ChainKeyChange() {}

  static AuditEntry record(String keyId, Instant at) {
    String change =
        Jsonp.PROVIDER
            .createObjectBuilder()
            .add("targetKind", "audit-chain")
            .add("targetName", keyId)
            .addNull("before")
            .add(
                "after",
                Jsonp.PROVIDER
                    .createObjectBuilder()
                    .add("keyId", keyId)
                    .add("instance", GroupCommitWriter.instanceName()))
            .build()
            .toString();
    return new AuditEntry()
        .set(AuditField.ID, UUID.randomUUID().toString())
        .set(AuditField.STARTED_AT, at)
        .set(AuditField.ENDED_AT, at)
        .set(AuditField.CALLER_SUBJECT, "gatehouse")
        .set(AuditField.METHOD, ACTION)
        .set(AuditField.PATH, "/audit-chain/" + keyId)
        .set(AuditField.DECISION, Decision.ADMIN.name())
        .set(AuditField.REQUEST_TRANSCRIPT, change);
  }
}
