package dev.gatehouse.audit;

import java.util.List;

/**
 * The outcome of checking a range of the audit chain.
 *
 * @param ok whether every record in the range is intact, linked to its predecessor and checked
 * @param verdict {@code intact}; {@code broken} (a record was altered, removed or downgraded); or
 *     {@code unverifiable} (nothing is broken that could be checked, but some records are sealed
 *     under a chain key this instance does not hold: configure it, as a retired key if need be)
 * @param from the first sequence number checked
 * @param to the last sequence number checked
 * @param checked how many records were read
 * @param keyed how many of them are sealed with a chain key (HMAC, format v2)
 * @param unverifiable how many of them are sealed under a key this instance does not hold (their
 *     links are still checked, their own hashes cannot be)
 * @param unknownKeyIds the ids of those keys
 * @param brokenAt the sequence number of the first broken link (for {@code unverifiable}: of the
 *     first record that could not be checked), or {@code null}
 * @param recordId the id of the record at {@code brokenAt}, when there is one
 * @param problem {@code hash_mismatch} (the record was altered), {@code link_mismatch} (its
 *     predecessor hash does not match: a record before it was altered or removed), {@code
 *     missing_record} (no record has that sequence number: removed), {@code head_mismatch} (the
 *     last record is not the chain's recorded head: the tail was removed or rewritten), {@code
 *     unkeyed_record} (a record without a chain key after a keyed one: rewritten as plain SHA-256),
 *     {@code unkeyed_head} (a chain key is configured but the newest record is not sealed with any:
 *     the keyed part was rewritten or removed), {@code unknown_key} (verdict {@code unverifiable}),
 *     or {@code null}
 */
public record ChainVerification(
    boolean ok,
    String verdict,
    long from,
    long to,
    long checked,
    long keyed,
    long unverifiable,
    List<String> unknownKeyIds,
    Long brokenAt,
    String recordId,
    String problem) {

  static ChainVerification intact(long from, long to, long checked, long keyed) {
    return new ChainVerification(
        true, "intact", from, to, checked, keyed, 0, List.of(), null, null, null);
  }

  static ChainVerification unverifiable(
      long from,
      long to,
      long checked,
      long keyed,
      long unverifiable,
      List<String> unknownKeyIds,
      long at,
      String recordId) {
    return new ChainVerification(
        false,
        "unverifiable",
        from,
        to,
        checked,
        keyed,
        unverifiable,
        List.copyOf(unknownKeyIds),
        at,
        recordId,
        "unknown_key");
  }

  static ChainVerification broken(
      long from,
      long to,
      long checked,
      long keyed,
      long unverifiable,
      List<String> unknownKeyIds,
      long at,
      String recordId,
      String problem) {
    return new ChainVerification(
        false,
        "broken",
        from,
        to,
        checked,
        keyed,
        unverifiable,
        List.copyOf(unknownKeyIds),
        at,
        recordId,
        problem);
  }
}
