package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hash chain as stored in H2 through the real writer: intact after normal writes, and broken at
 * the right place by the edits an intruder with database access would make.
 */
class AuditChainTest {

  private AuditTestDatabase db;
  private GroupCommitWriter writer;

  @BeforeEach
  void start() {
    db = new AuditTestDatabase();
    writer = new GroupCommitWriter(db.dataSource, 64, 1000, 5000);
    writer.start(Executors.defaultThreadFactory());
  }

  @AfterEach
  void stop() {
    writer.stop();
  }

  private List<String> writeRecords(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      AuditEntry started = AuditTestDatabase.started("/v1/items/" + i);
      writer.begin(started);
      writer.complete(AuditTestDatabase.completed(started));
      ids.add(started.id());
    }
    return ids;
  }

  @Test
  void chainOfCompletedRecordsVerifies() throws Exception {
    writeRecords(5);

    ChainVerification result = db.verify(null, null);

    assertThat(result.ok()).isTrue();
    assertThat(result.checked()).isEqualTo(5);
    assertThat(result.from()).isEqualTo(1);
    assertThat(result.to()).isEqualTo(5);
  }

  @Test
  void verificationFindsARowUpdatedInTheDatabase() throws Exception {
    List<String> ids = writeRecords(5);
    db.execute("UPDATE audit_record SET status_code = 403 WHERE id = '" + ids.get(2) + "'");

    ChainVerification result = db.verify(null, null);

    assertThat(result.ok()).isFalse();
    assertThat(result.brokenAt()).isEqualTo(3);
    assertThat(result.recordId()).isEqualTo(ids.get(2));
    assertThat(result.problem()).isEqualTo("hash_mismatch");
  }

  @Test
  void verificationFindsAnUpdateThatAlsoRecomputedTheRowsHashAtTheNextLink() throws Exception {
    List<String> ids = writeRecords(4);
    db.execute("UPDATE audit_record SET record_hash = '" + "a".repeat(64) + "' WHERE seq = 2");

    ChainVerification result = db.verify(null, null);

    assertThat(result.ok()).isFalse();
    assertThat(result.brokenAt()).isEqualTo(2);
    assertThat(result.recordId()).isEqualTo(ids.get(1));
  }

  @Test
  void verificationFindsARowDeletedFromTheMiddle() throws Exception {
    List<String> ids = writeRecords(5);
    assertThat(db.execute("DELETE FROM audit_record WHERE id = '" + ids.get(1) + "'")).isOne();

    ChainVerification result = db.verify(null, null);

    assertThat(result.ok()).isFalse();
    assertThat(result.brokenAt()).isEqualTo(2);
    assertThat(result.problem()).isEqualTo("missing_record");
  }

  @Test
  void verificationFindsTheLastRowDeleted() throws Exception {
    List<String> ids = writeRecords(3);
    db.execute("DELETE FROM audit_record WHERE id = '" + ids.get(2) + "'");

    ChainVerification result = db.verify(null, null);

    assertThat(result.ok()).isFalse();
    assertThat(result.brokenAt()).isEqualTo(3);
    assertThat(result.problem()).isEqualTo("missing_record");
  }

  @Test
  void rangeVerificationLinksToTheRecordBeforeTheRange() throws Exception {
    writeRecords(6);
    assertThat(db.verify(3L, 5L).ok()).isTrue();

    db.execute("UPDATE audit_record SET path = '/elsewhere' WHERE seq = 2");

    assertThat(db.verify(4L, 6L).ok()).isTrue();
    ChainVerification spanning = db.verify(2L, 6L);
    assertThat(spanning.ok()).isFalse();
    assertThat(spanning.brokenAt()).isEqualTo(2);
  }

  @Test
  void startedRecordsAreNotChainedUntilTheyComplete() throws Exception {
    AuditEntry open = AuditTestDatabase.started("/open");
    writer.begin(open);
    writeRecords(2);

    ChainVerification result = db.verify(null, null);

    assertThat(result.ok()).isTrue();
    assertThat(result.checked()).isEqualTo(2);
  }

  @Test
  void recordsLeftStartedBecomeInterruptedAndAreChained() throws Exception {
    AuditEntry open = AuditTestDatabase.started("/left-open");
    writer.begin(open);
    writeRecords(1);

    int interrupted = writer.interruptStartedBefore(Instant.now().plusSeconds(1));

    assertThat(interrupted).isOne();
    assertThat(db.verify(null, null).checked()).isEqualTo(2);
    assertThat(db.verify(null, null).ok()).isTrue();
    try (var c = db.dataSource.getConnection();
        var s = c.prepareStatement("SELECT decision, seq FROM audit_record WHERE id = ?")) {
      s.setString(1, open.id());
      try (var rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("INTERRUPTED");
        assertThat(rs.getLong(2)).isEqualTo(2);
      }
    }
  }

  @Test
  void completingARecordTwiceIsRefused() {
    AuditEntry started = AuditTestDatabase.started("/twice");
    writer.begin(started);
    writer.complete(AuditTestDatabase.completed(started));

    assertThatThrownBy(() -> writer.complete(AuditTestDatabase.completed(started)))
        .isInstanceOf(AuditUnavailable.class);
  }

  @Test
  void hashCoversEveryFieldAndThePredecessor() {
    AuditEntry entry = AuditTestDatabase.completed(AuditTestDatabase.started("/x"));
    AuditStore.Head head = new AuditStore().chain(entry, new AuditStore.Head(7, ChainHash.GENESIS));
    String hash = head.hash();

    assertThat(head.seq()).isEqualTo(8);
    assertThat(ChainHash.of(entry.copy().set(AuditField.USER_AGENT, "curl"))).isNotEqualTo(hash);
    assertThat(ChainHash.of(entry.copy().set(AuditField.PREV_HASH, "b".repeat(64))))
        .isNotEqualTo(hash);
    assertThat(ChainHash.of(entry.copy())).isEqualTo(hash);
    assertThat(ChainHash.canonicalForm(entry)).startsWith("gatehouse-audit-v1\nseq=1:8\n");
  }

  @Test
  void aNulInAnyTextIsKeptAsAnEscapeThatEveryStoreCanHold() {
    AuditEntry entry =
        AuditTestDatabase.completed(AuditTestDatabase.started("/x"))
            .set(AuditField.REQUEST_TRANSCRIPT, "POST /gw/c/run\n\n{\0\"\0c\0");
    assertThat((String) entry.get(AuditField.REQUEST_TRANSCRIPT))
        .doesNotContain("\0")
        .endsWith("{\\u0000\"\\u0000c\\u0000");
    assertThat(AuditEntry.storable("plain")).isEqualTo("plain");
  }

  @Test
  void agentFactsAreSealedWhenSetAndLeaveRecordsWithoutThemAsTheyWere() {
    AuditEntry plain = AuditTestDatabase.completed(AuditTestDatabase.started("/x"));
    new AuditStore().chain(plain, new AuditStore.Head(7, ChainHash.GENESIS));
    assertThat(ChainHash.canonicalForm(plain))
        .as("a record without agent facts hashes as before V15")
        .doesNotContain("agent_protocol")
        .doesNotContain("tool_calls")
        .endsWith("transcript_truncated=" + canonicalValue(plain, AuditField.TRANSCRIPT_TRUNCATED));

    AuditEntry agent =
        plain
            .copy()
            .set(AuditField.AGENT_PROTOCOL, "MCP")
            .set(AuditField.MCP_METHOD, "tools/call")
            .set(AuditField.TOOL_NAMES, ",delete_records,")
            .set(AuditField.TOOL_CALLS, "[{\"name\":\"delete_records\"}]");
    String sealed = ChainHash.of(agent);
    assertThat(sealed).isNotEqualTo(ChainHash.of(plain));
    assertThat(ChainHash.of(agent.copy().set(AuditField.TOOL_NAMES, null)))
        .as("a fact removed from a sealed record breaks its hash")
        .isNotEqualTo(sealed);
    assertThat(ChainHash.of(agent.copy().set(AuditField.TOOL_NAMES, ",read_config,")))
        .isNotEqualTo(sealed);
  }

  private static String canonicalValue(AuditEntry entry, AuditField field) {
    Object value = entry.get(field);
    return value == null
        ? "~\n"
        : value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            + ":"
            + value
            + "\n";
  }

  @Test
  void retentionPurgesOldestFirstAndTheRestStillVerifies() throws Exception {
    List<String> ids = writeRecords(5);
    db.execute(
        "UPDATE audit_record SET started_at = started_at - INTERVAL '40' DAY WHERE seq <= 3");
    // Moving started_at broke those rows' hashes; re-anchor nothing: they are about to go.

    int first = writer.purgeBefore(Instant.now().minusSeconds(86_400L * 30), 2);
    int second = writer.purgeBefore(Instant.now().minusSeconds(86_400L * 30), 2);
    int third = writer.purgeBefore(Instant.now().minusSeconds(86_400L * 30), 2);

    assertThat(first).isEqualTo(2);
    assertThat(second).isEqualTo(1);
    assertThat(third).isZero();
    ChainVerification result = db.verify(null, null);
    assertThat(result.ok()).isTrue();
    assertThat(result.from()).isEqualTo(4);
    assertThat(result.checked()).isEqualTo(2);
    assertThat(ids).hasSize(5);
  }

  @Test
  void aDeleteOfTheOldestKeptRecordIsStillFoundAfterAPurge() throws Exception {
    writeRecords(4);
    db.age("seq = 1", 40);
    writer.purgeBefore(Instant.now().minusSeconds(86_400L * 30), 10);
    db.execute("DELETE FROM audit_record WHERE seq = 2");

    ChainVerification result = db.verify(null, null);

    assertThat(result.ok()).isFalse();
    assertThat(result.brokenAt()).isEqualTo(2);
    assertThat(result.problem()).isEqualTo("missing_record");
  }
}
