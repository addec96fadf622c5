package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The keyed chain (format v2, HMAC-SHA256 under the chain key) through the real writer and
 * verifier: v1, v2 and mixed chains, rotated and unknown keys, and the attack the key exists for —
 * a row rewritten and every later plain SHA-256 hash recomputed — caught with a key and, stated
 * plainly, not caught without one.
 */
class KeyedAuditChainTest {

  private static final byte[] K1 = ChainKeysTest.key(1);
  private static final byte[] K2 = ChainKeysTest.key(2);
  private static final String K1_ID = ChainKeys.idOf(K1);
  private static final String K2_ID = ChainKeys.idOf(K2);

  private final AuditTestDatabase db = new AuditTestDatabase();
  private final List<GroupCommitWriter> writers = new ArrayList<>();

  @AfterEach
  void stop() {
    writers.forEach(GroupCommitWriter::stop);
  }

  private GroupCommitWriter writer(ChainKeys keys, long checkpointEvery) {
    GroupCommitWriter w =
        new GroupCommitWriter(db.dataSource, 64, 1000, 5000, "test", keys, checkpointEvery);
    w.start(Executors.defaultThreadFactory());
    writers.add(w);
    return w;
  }

  private static void write(GroupCommitWriter writer, int count) {
    for (int i = 0; i < count; i++) {
      AuditEntry started = AuditTestDatabase.started("/v1/items/" + i);
      writer.begin(started);
      writer.complete(AuditTestDatabase.completed(started));
    }
  }

  @Test
  void hmacCanonicalFormIsTheV1FormUnderItsOwnFormatLineAndTheKeyId() {
    AuditEntry entry = AuditTestDatabase.completed(AuditTestDatabase.started("/x"));
    entry.set(AuditField.SEQ, 8L).set(AuditField.PREV_HASH, ChainHash.GENESIS);

    String v1 = ChainHash.canonicalForm(entry);
    String v2 = ChainHash.canonicalForm(entry, K1_ID);

    assertThat(v2).startsWith("gatehouse-audit-v2-hmac\nkey_id=16:" + K1_ID + "\nseq=1:8\n");
    assertThat(v2.substring(v2.indexOf("seq="))).isEqualTo(v1.substring(v1.indexOf("seq=")));
    String hmac = ChainHash.of(entry.copy().keyId(K1_ID), ChainKeys.of(K1));
    assertThat(hmac).hasSize(64).isNotEqualTo(ChainHash.of(entry));
    assertThat(ChainHash.of(entry.copy().keyId(K1_ID), ChainKeys.of(K2, K1))).isEqualTo(hmac);
    assertThat(ChainHash.of(entry.copy().keyId(K1_ID), ChainKeys.of(K2))).isNull();
    assertThat(
            ChainHash.of(entry.copy().keyId(K1_ID).set(AuditField.STATUS, 500), ChainKeys.of(K1)))
        .isNotEqualTo(hmac);
  }

  @Test
  void keyedChainVerifiesAndCountsItsKeyedRecords() throws Exception {
    write(writer(ChainKeys.of(K1), 0), 4);

    ChainVerification result = db.verify(ChainKeys.of(K1), null, null);

    assertThat(result.ok()).isTrue();
    assertThat(result.verdict()).isEqualTo("intact");
    assertThat(result.checked()).isEqualTo(4);
    assertThat(result.keyed()).isEqualTo(4);
    assertThat(keyIdAt(1)).isEqualTo(K1_ID);
  }

  @Test
  void anUnkeyedTrailThatGetsAKeyVerifiesAsV1ThenV2WithTheKeyRecordedInBetween() throws Exception {
    write(writer(ChainKeys.none(), 0), 3);
    GroupCommitWriter keyed = writer(ChainKeys.of(K1), 0);

    assertThat(keyed.announceKey(ChainKeyChange.record(K1_ID, Instant.now()))).isTrue();
    assertThat(keyed.announceKey(ChainKeyChange.record(K1_ID, Instant.now()))).isFalse();
    write(keyed, 2);

    ChainVerification result = db.verify(ChainKeys.of(K1), null, null);
    assertThat(result.ok()).isTrue();
    assertThat(result.checked()).isEqualTo(6);
    assertThat(result.keyed()).isEqualTo(3);
    try (Connection c = db.dataSource.getConnection()) {
      AuditEntry marker = new AuditStore().chainedAt(c, 4);
      assertThat(marker.string(AuditField.METHOD)).isEqualTo("CHAIN_KEY");
      assertThat(marker.string(AuditField.DECISION)).isEqualTo("ADMIN");
      assertThat(marker.string(AuditField.PATH)).isEqualTo("/audit-chain/" + K1_ID);
      assertThat(marker.keyId()).isEqualTo(K1_ID);
    }
  }

  @Test
  void anEmptyChainNeedsNoKeyRecord() {
    assertThat(writer(ChainKeys.of(K1), 0).announceKey(ChainKeyChange.record(K1_ID, Instant.now())))
        .isFalse();
  }

  @Test
  void recordsUnderARetiredKeyStillVerifyAndTheRotationIsRecorded() throws Exception {
    write(writer(ChainKeys.of(K1), 0), 2);
    GroupCommitWriter rotated = writer(ChainKeys.of(K2, K1), 0);
    assertThat(rotated.announceKey(ChainKeyChange.record(K2_ID, Instant.now()))).isTrue();
    write(rotated, 2);

    ChainVerification result = db.verify(ChainKeys.of(K2, K1), null, null);

    assertThat(result.ok()).isTrue();
    assertThat(result.keyed()).isEqualTo(5);
    assertThat(keyIdAt(2)).isEqualTo(K1_ID);
    assertThat(keyIdAt(3)).isEqualTo(K2_ID);
  }

  @Test
  void recordsUnderAnUnknownKeyAreUnverifiableNeitherIntactNorTampered() throws Exception {
    write(writer(ChainKeys.of(K1), 0), 2);
    write(writer(ChainKeys.of(K2), 0), 2);

    ChainVerification result = db.verify(ChainKeys.of(K2), null, null);

    assertThat(result.ok()).isFalse();
    assertThat(result.verdict()).isEqualTo("unverifiable");
    assertThat(result.problem()).isEqualTo("unknown_key");
    assertThat(result.brokenAt()).isEqualTo(1);
    assertThat(result.unverifiable()).isEqualTo(2);
    assertThat(result.unknownKeyIds()).containsExactly(K1_ID);
    assertThat(result.checked()).isEqualTo(4);
    assertThat(result.keyed()).isEqualTo(4);
  }

  @Test
  void aTamperedRecordAfterUnverifiableOnesIsStillReportedBroken() throws Exception {
    write(writer(ChainKeys.of(K1), 0), 2);
    write(writer(ChainKeys.of(K2), 0), 2);
    db.execute("UPDATE audit_record SET status_code = 299 WHERE seq = 4");

    ChainVerification result = db.verify(ChainKeys.of(K2), null, null);

    assertThat(result.verdict()).isEqualTo("broken");
    assertThat(result.problem()).isEqualTo("hash_mismatch");
    assertThat(result.brokenAt()).isEqualTo(4);
    assertThat(result.unverifiable()).isEqualTo(2);
  }

  @Test
  void aRewrittenRowWithEveryLaterSha256RecomputedIsCaughtWithAKey() throws Exception {
    write(writer(ChainKeys.of(K1), 0), 5);
    assertThat(db.verify(ChainKeys.of(K1), null, null).ok()).isTrue();

    db.rewriteAndRechain(3, AuditField.STATUS, 299, false);
    ChainVerification result = db.verify(ChainKeys.of(K1), null, null);

    assertThat(result.ok()).isFalse();
    assertThat(result.brokenAt()).isEqualTo(3);
    assertThat(result.problem()).isEqualTo("hash_mismatch");
  }

  @Test
  void theSameRewritePassingForUnkeyedRecordsIsCaughtAsADowngrade() throws Exception {
    write(writer(ChainKeys.of(K1), 0), 5);

    db.rewriteAndRechain(3, AuditField.STATUS, 299, true);
    ChainVerification result = db.verify(ChainKeys.of(K1), null, null);

    assertThat(result.ok()).isFalse();
    assertThat(result.brokenAt()).isEqualTo(3);
    assertThat(result.problem()).isEqualTo("unkeyed_record");
    // the same holds for a verifier without the key: keyed records are followed by unkeyed ones
    assertThat(db.verify(ChainKeys.none(), null, null).problem()).isEqualTo("unkeyed_record");
  }

  @Test
  void rewritingTheWholeKeyedChainAsUnkeyedIsCaughtAtTheHead() throws Exception {
    write(writer(ChainKeys.of(K1), 0), 4);

    db.rewriteAndRechain(1, AuditField.STATUS, 299, true);
    ChainVerification result = db.verify(ChainKeys.of(K1), null, null);

    assertThat(result.ok()).isFalse();
    assertThat(result.brokenAt()).isEqualTo(4);
    assertThat(result.problem()).isEqualTo("unkeyed_head");
  }

  /** Why the key exists: without it this attack leaves no trace in the database. */
  @Test
  void withoutAKeyTheSameRewriteIsNotDetected() throws Exception {
    write(writer(ChainKeys.none(), 0), 5);

    db.rewriteAndRechain(3, AuditField.STATUS, 299, false);
    ChainVerification result = db.verify(ChainKeys.none(), null, null);

    assertThat(result.ok()).isTrue();
    assertThat(result.keyed()).isZero();
  }

  @Test
  void aCheckpointIsTakenEveryNRecordsWithTheHeadsHashAndKey() throws Exception {
    GroupCommitWriter writer = writer(ChainKeys.of(K1), 3);
    write(writer, 7);

    List<ChainCheckpoint> checkpoints = checkpoints();

    assertThat(checkpoints).extracting(ChainCheckpoint::seq).containsExactly(3L, 6L);
    for (ChainCheckpoint cp : checkpoints) {
      assertThat(cp.recordHash()).isEqualTo(hashAt(cp.seq()));
      assertThat(cp.keyId()).isEqualTo(K1_ID);
      assertThat(cp.trigger()).isEqualTo("records");
      assertThat(cp.instance()).isEqualTo("test");
      assertThat(cp.jsonLine())
          .startsWith("{\"type\":\"gatehouse.audit.checkpoint\",\"version\":1,\"seq\":" + cp.seq())
          .contains("\"key_id\":\"" + K1_ID + "\"")
          .contains("\"format\":\"gatehouse-audit-v2-hmac\"");
    }
  }

  @Test
  void aTimedCheckpointIsTakenOnlyWhenTheHeadMovedAndTheLastOneIsOldEnough() throws Exception {
    GroupCommitWriter writer = writer(ChainKeys.none(), 0);
    assertThat(writer.checkpoint(Instant.now())).as("empty chain").isZero();
    write(writer, 2);

    assertThat(writer.checkpoint(Instant.now())).isOne();
    assertThat(writer.checkpoint(Instant.now())).as("head did not move").isZero();
    write(writer, 1);
    assertThat(writer.checkpoint(Instant.now().minusSeconds(60)))
        .as("the last one is younger than the interval")
        .isZero();
    assertThat(writer.checkpoint(Instant.now())).isOne();

    List<ChainCheckpoint> checkpoints = checkpoints();
    assertThat(checkpoints).extracting(ChainCheckpoint::seq).containsExactly(2L, 3L);
    assertThat(checkpoints.get(1).keyId()).isNull();
    assertThat(checkpoints.get(1).trigger()).isEqualTo("interval");
    assertThat(checkpoints.get(1).recordHash()).isEqualTo(hashAt(3));
    assertThat(checkpoints.get(1).jsonLine())
        .contains("\"key_id\":null")
        .contains("\"format\":\"gatehouse-audit-v1\"");
  }

  @Test
  void retentionPurgesTheCheckpointsOfPurgedRecords() throws Exception {
    GroupCommitWriter writer = writer(ChainKeys.of(K1), 2);
    write(writer, 5);
    db.age("seq <= 3", 40);

    writer.purgeBefore(Instant.now().minusSeconds(86_400L * 30), 10);

    assertThat(checkpoints()).extracting(ChainCheckpoint::seq).containsExactly(4L);
  }

  /**
   * Catches a purge bounded by age alone, and a sink-bounded purge that leaves the keyed chain
   * unverifiable: it stops at the sinks' confirmed position, keeps the checkpoints after it, and
   * the rest verifies from its new first record.
   */
  @Test
  void aPurgeBoundedByTheSinksStopsThereAndTheKeyedRestVerifies() throws Exception {
    GroupCommitWriter writer = writer(ChainKeys.of(K1), 2);
    write(writer, 5);

    int purged = writer.purgeBefore(Instant.now().plusSeconds(60), 2, 10);

    assertThat(purged).isEqualTo(2);
    assertThat(checkpoints()).extracting(ChainCheckpoint::seq).containsExactly(4L);
    ChainVerification result = db.verify(ChainKeys.of(K1), null, null);
    assertThat(result.ok()).as(result.problem()).isTrue();
    assertThat(result.from()).isEqualTo(3);
    assertThat(result.checked()).isEqualTo(3);
  }

  private List<ChainCheckpoint> checkpoints() throws Exception {
    try (Connection c = db.dataSource.getConnection()) {
      return new AuditStore().checkpoints(c, 0, Long.MAX_VALUE, 1000);
    }
  }

  private String hashAt(long seq) throws Exception {
    try (Connection c = db.dataSource.getConnection();
        var s = c.prepareStatement("SELECT record_hash FROM audit_record WHERE seq = ?")) {
      s.setLong(1, seq);
      try (var rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1);
      }
    }
  }

  private String keyIdAt(long seq) throws Exception {
    try (Connection c = db.dataSource.getConnection()) {
      return new AuditStore().keyIdAt(c, seq);
    }
  }
}
