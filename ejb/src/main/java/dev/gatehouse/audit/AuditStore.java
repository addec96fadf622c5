package dev.gatehouse.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Plain JDBC access to the audit tables, used by the single writer thread and by the verifier.
 * Every method works on a connection whose transaction the caller owns.
 *
 * <p>Chaining guarantee: {@link #chain} gives a record the next sequence number after the head it
 * is handed, links it to the head's hash, seals it under the active chain key (if any) and returns
 * the new head; the caller locks the head row ({@link #lockHead}) for the transaction, so appends
 * are serialised across writers and instances.
 */
final class AuditStore {

  /** The head of the chain: the last sequence number and its hash. */
  record Head(long seq, String hash) {}

  /** A chained entry and the hash {@link #chain} gave it (computed once: it covers transcripts). */
  record Chained(AuditEntry entry, String hash) {}

  /** The oldest kept record's sequence number and the hash it links to. */
  record Tail(long seq, String prevHash) {}

  private static final String COLUMNS =
      Arrays.stream(AuditField.values()).map(f -> f.column).collect(Collectors.joining(", "));

  private static final String INSERT =
      "INSERT INTO audit_record ("
          + COLUMNS
          + ", record_hash, chain_key_id) VALUES ("
          + "?, ".repeat(AuditField.values().length)
          + "?, ?)";

  /** A write-ahead row: the fields, no hash yet, and the instance that started it. */
  private static final String INSERT_STARTED =
      "INSERT INTO audit_record ("
          + COLUMNS
          + ", record_hash, started_by) VALUES ("
          + "?, ".repeat(AuditField.values().length)
          + "?, ?)";

  private static final String UPDATE =
      "UPDATE audit_record SET "
          + Arrays.stream(AuditField.values())
              .filter(f -> f != AuditField.ID)
              .map(f -> f.column + " = ?")
              .collect(Collectors.joining(", "))
          + ", record_hash = ?, chain_key_id = ? WHERE id = ? AND seq IS NULL";

  private static final String SELECT =
      "SELECT " + COLUMNS + ", record_hash, chain_key_id FROM audit_record";

  private final ChainKeys keys;

  /** A store that chains unkeyed (v1) records and verifies only those. */
  AuditStore() {
    this(ChainKeys.none());
  }

  AuditStore(ChainKeys keys) {
    this.keys = keys;
  }

  Head lockHead(Connection c) throws SQLException {
    return head(c, " FOR UPDATE");
  }

  Head readHead(Connection c) throws SQLException {
    return head(c, "");
  }

  private static Head head(Connection c, String lock) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1" + lock);
        ResultSet rs = s.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("audit_chain_head has no row: schema not migrated?");
      }
      return new Head(rs.getLong(1), rs.getString(2));
    }
  }

  Tail readTail(Connection c) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT first_seq, first_prev_hash FROM audit_chain_head WHERE id = 1");
        ResultSet rs = s.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("audit_chain_head has no row: schema not migrated?");
      }
      return new Tail(rs.getLong(1), rs.getString(2));
    }
  }

  /**
   * Deletes up to {@code limit} of the oldest chained records that started before {@code cutoff}
   * and are at or before {@code throughSeq}, contiguously from the tail, and moves the tail anchor
   * past them. Call with the head locked.
   *
   * @return how many were deleted
   */
  int purgeOldest(Connection c, Instant cutoff, long throughSeq, int limit) throws SQLException {
    Tail tail = readTail(c);
    long lastSeq = -1;
    String lastHash = null;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT seq, record_hash, started_at FROM audit_record"
                + " WHERE seq >= ? AND seq < ? ORDER BY seq")) {
      s.setLong(1, tail.seq());
      s.setLong(2, tail.seq() + limit);
      try (ResultSet rs = s.executeQuery()) {
        long expected = tail.seq();
        while (rs.next()) {
          OffsetDateTime started = rs.getObject(3, OffsetDateTime.class);
          if (rs.getLong(1) != expected
              || expected > throughSeq
              || !started.toInstant().isBefore(cutoff)) {
            break;
          }
          lastSeq = expected++;
          lastHash = rs.getString(2);
        }
      }
    }
    if (lastSeq < 0) {
      return 0;
    }
    int deleted;
    try (PreparedStatement s =
        c.prepareStatement("DELETE FROM audit_record WHERE seq >= ? AND seq <= ?")) {
      s.setLong(1, tail.seq());
      s.setLong(2, lastSeq);
      deleted = s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement("DELETE FROM audit_checkpoint WHERE seq <= ?")) {
      s.setLong(1, lastSeq);
      s.executeUpdate();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE audit_chain_head SET first_seq = ?, first_prev_hash = ? WHERE id = 1")) {
      s.setLong(1, lastSeq + 1);
      s.setString(2, lastHash);
      s.executeUpdate();
    }
    return deleted;
  }

  void saveHead(Connection c, Head head) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
      s.setLong(1, head.seq());
      s.setString(2, head.hash());
      s.executeUpdate();
    }
  }

  /** Inserts records not yet chained (the write-ahead state). */
  void insertStarted(Connection c, List<AuditEntry> entries, String instance) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(INSERT_STARTED)) {
      for (AuditEntry e : entries) {
        int i = 1;
        for (AuditField f : AuditField.values()) {
          bind(s, i++, f, e.get(f));
        }
        s.setNull(i++, Types.VARCHAR);
        s.setString(i, instance);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /**
   * Chains a completed entry after {@code head}: sets its sequence number, predecessor hash and key
   * id (the active chain key's, or none), and returns the entry's hash as the new head. Does not
   * write the entry.
   */
  Head chain(AuditEntry entry, Head head) {
    entry
        .set(AuditField.SEQ, head.seq() + 1)
        .set(AuditField.PREV_HASH, head.hash())
        .keyId(keys.activeId());
    return new Head(head.seq() + 1, ChainHash.of(entry, keys));
  }

  /**
   * Writes chained entries over their started rows; {@code inserted} ones (never started: admin
   * events) are inserted instead.
   *
   * @throws SQLException also when a started row is missing or already chained
   */
  void writeChained(Connection c, List<Chained> updated, List<Chained> inserted)
      throws SQLException {
    if (!updated.isEmpty()) {
      try (PreparedStatement s = c.prepareStatement(UPDATE)) {
        for (Chained chained : updated) {
          AuditEntry e = chained.entry();
          int i = 1;
          for (AuditField f : AuditField.values()) {
            if (f != AuditField.ID) {
              bind(s, i++, f, e.get(f));
            }
          }
          s.setString(i++, chained.hash());
          s.setString(i++, e.keyId());
          s.setString(i, e.id());
          s.addBatch();
        }
        int[] counts = s.executeBatch();
        for (int k = 0; k < counts.length; k++) {
          if (counts[k] == 0) {
            throw new SQLException("No started audit record " + updated.get(k).entry().id());
          }
        }
      }
    }
    if (!inserted.isEmpty()) {
      try (PreparedStatement s = c.prepareStatement(INSERT)) {
        for (Chained chained : inserted) {
          AuditEntry e = chained.entry();
          int i = 1;
          for (AuditField f : AuditField.values()) {
            bind(s, i++, f, e.get(f));
          }
          s.setString(i++, chained.hash());
          s.setString(i, e.keyId());
          s.addBatch();
        }
        s.executeBatch();
      }
    }
  }

  /** Whether a record with this id exists, chained or not. */
  boolean exists(Connection c, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM audit_record WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Records still STARTED that {@code instance} began before {@code before} (or whose instance is
   * not known: rows from before V11), oldest first. Another instance's are in flight there.
   */
  List<AuditEntry> startedBefore(Connection c, Instant before, String instance)
      throws SQLException {
    List<AuditEntry> found = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            SELECT
                + " WHERE seq IS NULL AND started_at < ?"
                + " AND (started_by = ? OR started_by IS NULL) ORDER BY started_at, id")) {
      s.setObject(1, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
      s.setString(2, instance);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          found.add(read(rs));
        }
      }
    }
    return found;
  }

  /**
   * Checks the chain from {@code from} to {@code to} (inclusive; {@code null} for the first and the
   * last record): each record's hash is recomputed from its fields (SHA-256, or the HMAC under its
   * chain key), each link compared with the predecessor's hash, the sequence checked for gaps, and
   * the last record compared with the head. Records purged by retention are before the tail anchor
   * and not checked.
   *
   * <p>Downgrades: once a record is keyed, every later one must be (an intruder without the key can
   * only write unkeyed records, so {@code unkeyed_record}); and with a chain key configured, the
   * newest record must be keyed ({@code unkeyed_head}: the keyed part was rewritten or cut off —
   * the writer seals a keyed record at start whenever the head is not under the active key). A
   * record under a key this store does not hold is counted {@code unverifiable}: its own hash
   * cannot be checked, its links still are.
   */
  ChainVerification verify(Connection c, Long from, Long to) throws SQLException {
    Head head = readHead(c);
    Tail tail = readTail(c);
    long first = from == null ? tail.seq() : Math.max(tail.seq(), from);
    long last = to == null ? head.seq() : Math.min(to, head.seq());
    if (last < first) {
      return ChainVerification.intact(first, last, 0, 0);
    }
    String expectedPrev = tail.prevHash();
    boolean keyedBefore = false;
    if (first > tail.seq()) {
      try (PreparedStatement s =
          c.prepareStatement("SELECT record_hash, chain_key_id FROM audit_record WHERE seq = ?")) {
        s.setLong(1, first - 1);
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) {
            return ChainVerification.broken(
                first, last, 0, 0, 0, List.of(), first - 1, null, "missing_record");
          }
          expectedPrev = rs.getString(1);
          keyedBefore = rs.getString(2) != null;
        }
      }
    }
    Tally tally = new Tally(first, last);
    long expectedSeq = first;
    AuditEntry newest = null;
    try (PreparedStatement s =
        c.prepareStatement(SELECT + " WHERE seq BETWEEN ? AND ? ORDER BY seq")) {
      s.setFetchSize(500);
      s.setLong(1, first);
      s.setLong(2, last);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          AuditEntry e = read(rs);
          String stored = rs.getString(AuditField.values().length + 1);
          tally.checked++;
          if (e.seq() != expectedSeq) {
            return tally.broken(expectedSeq, null, "missing_record");
          }
          if (!expectedPrev.equals(e.string(AuditField.PREV_HASH))) {
            return tally.broken(expectedSeq, e.id(), "link_mismatch");
          }
          if (e.keyId() == null && keyedBefore) {
            return tally.broken(expectedSeq, e.id(), "unkeyed_record");
          }
          String expected = ChainHash.of(e, keys);
          if (e.keyId() != null) {
            tally.keyed++;
            keyedBefore = true;
          }
          if (expected == null) {
            tally.unverifiable(expectedSeq, e);
          } else if (!expected.equals(stored)) {
            return tally.broken(expectedSeq, e.id(), "hash_mismatch");
          }
          expectedPrev = stored;
          expectedSeq++;
          newest = e;
        }
      }
    }
    if (expectedSeq <= last) {
      return tally.broken(expectedSeq, null, "missing_record");
    }
    if (last == head.seq() && !expectedPrev.equals(head.hash())) {
      return tally.broken(last, null, "head_mismatch");
    }
    if (last == head.seq() && keys.activeId() != null && newest.keyId() == null) {
      return tally.broken(last, newest.id(), "unkeyed_head");
    }
    return tally.result();
  }

  /** What a verification has counted so far. */
  private static final class Tally {
    final long from;
    final long to;
    long checked;
    long keyed;
    long unverifiable;
    final List<String> unknownKeyIds = new ArrayList<>();
    Long firstUnverifiable;
    String firstUnverifiableId;

    Tally(long from, long to) {
      this.from = from;
      this.to = to;
    }

    void unverifiable(long seq, AuditEntry e) {
      unverifiable++;
      if (firstUnverifiable == null) {
        firstUnverifiable = seq;
        firstUnverifiableId = e.id();
      }
      if (!unknownKeyIds.contains(e.keyId()) && unknownKeyIds.size() < 16) {
        unknownKeyIds.add(e.keyId());
      }
    }

    ChainVerification broken(long at, String recordId, String problem) {
      return ChainVerification.broken(
          from, to, checked, keyed, unverifiable, unknownKeyIds, at, recordId, problem);
    }

    ChainVerification result() {
      if (firstUnverifiable != null) {
        return ChainVerification.unverifiable(
            from,
            to,
            checked,
            keyed,
            unverifiable,
            unknownKeyIds,
            firstUnverifiable,
            firstUnverifiableId);
      }
      return ChainVerification.intact(from, to, checked, keyed);
    }
  }

  /** The chained record at {@code seq} as stored (its key id included), or null. */
  AuditEntry chainedAt(Connection c, long seq) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE seq = ?")) {
      s.setLong(1, seq);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? read(rs) : null;
      }
    }
  }

  /** The key id of the record at {@code seq}, or null (unkeyed, or no such record). */
  String keyIdAt(Connection c, long seq) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT chain_key_id FROM audit_record WHERE seq = ?")) {
      s.setLong(1, seq);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** The newest checkpoint, or null when none was taken (or all were purged). */
  ChainCheckpoint lastCheckpoint(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT seq, record_hash, chain_key_id, created_at, created_by, trigger_kind"
                + " FROM audit_checkpoint ORDER BY seq DESC")) {
      s.setMaxRows(1);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? checkpoint(rs) : null;
      }
    }
  }

  void insertCheckpoint(Connection c, ChainCheckpoint checkpoint) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO audit_checkpoint"
                + " (seq, record_hash, chain_key_id, created_at, created_by, trigger_kind)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setLong(1, checkpoint.seq());
      s.setString(2, checkpoint.recordHash());
      s.setString(3, checkpoint.keyId());
      s.setObject(4, OffsetDateTime.ofInstant(checkpoint.createdAt(), ZoneOffset.UTC));
      s.setString(5, checkpoint.instance());
      s.setString(6, checkpoint.trigger());
      s.executeUpdate();
    }
  }

  /** When the first chained record after {@code seq} started; null when there is none. */
  Instant startedAfter(Connection c, long seq) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT started_at FROM audit_record WHERE seq = "
                + "(SELECT MIN(seq) FROM audit_record WHERE seq > ?)")) {
      s.setLong(1, seq);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getObject(1, OffsetDateTime.class).toInstant() : null;
      }
    }
  }

  /** Checkpoints with {@code after < seq <= upTo}, oldest first, at most {@code limit}. */
  List<ChainCheckpoint> checkpoints(Connection c, long after, long upTo, int limit)
      throws SQLException {
    List<ChainCheckpoint> found = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT seq, record_hash, chain_key_id, created_at, created_by, trigger_kind"
                + " FROM audit_checkpoint WHERE seq > ? AND seq <= ? ORDER BY seq")) {
      s.setLong(1, after);
      s.setLong(2, upTo);
      s.setMaxRows(limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          found.add(checkpoint(rs));
        }
      }
    }
    return found;
  }

  private static ChainCheckpoint checkpoint(ResultSet rs) throws SQLException {
    return new ChainCheckpoint(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getObject(4, OffsetDateTime.class).toInstant(),
        rs.getString(5),
        rs.getString(6));
  }

  private static void bind(PreparedStatement s, int i, AuditField f, Object value)
      throws SQLException {
    switch (f.kind) {
      case STRING -> {
        if (value == null) {
          s.setNull(i, Types.VARCHAR);
        } else {
          s.setString(i, (String) value);
        }
      }
      case INSTANT -> {
        if (value == null) {
          s.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
          s.setObject(i, OffsetDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
        }
      }
      case LONG -> {
        if (value == null) {
          s.setNull(i, Types.BIGINT);
        } else {
          s.setLong(i, (Long) value);
        }
      }
      case INTEGER -> {
        if (value == null) {
          s.setNull(i, Types.INTEGER);
        } else {
          s.setInt(i, (Integer) value);
        }
      }
      case BOOLEAN -> {
        if (value == null) {
          s.setNull(i, Types.BOOLEAN);
        } else {
          s.setBoolean(i, (Boolean) value);
        }
      }
    }
  }

  private static AuditEntry read(ResultSet rs) throws SQLException {
    AuditEntry e = new AuditEntry();
    int i = 1;
    for (AuditField f : AuditField.values()) {
      Object value =
          switch (f.kind) {
            case STRING -> rs.getString(i);
            case INSTANT -> {
              OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
              yield t == null ? null : t.toInstant();
            }
            case LONG -> {
              long v = rs.getLong(i);
              yield rs.wasNull() ? null : v;
            }
            case INTEGER -> {
              int v = rs.getInt(i);
              yield rs.wasNull() ? null : v;
            }
            case BOOLEAN -> {
              boolean v = rs.getBoolean(i);
              yield rs.wasNull() ? null : v;
            }
          };
      e.set(f, value);
      i++;
    }
    // after the fields: record_hash, then the key id
    return e.keyId(rs.getString(i + 1));
  }
}
