package dev.gatehouse.audit;

/**
 * The outcome of checking a range of the audit chain.
 *
 * @param ok whether every record in the range is intact and linked to its predecessor
 * @param from the first sequence number checked
 * @param to the last sequence number checked
 * @param checked how many records were read
 * @param brokenAt the sequence number of the first broken link, or {@code null}
 * @param recordId the id of the record at {@code brokenAt}, when there is one
 * @param problem {@code hash_mismatch} (the record was altered), {@code link_mismatch} (its
 *     predecessor hash does not match: a record before it was altered or removed), {@code
 *     missing_record} (no record has that sequence number: removed), {@code head_mismatch} (the
 *     last record is not the chain's recorded head: the tail was removed or rewritten), or {@code
 *     null}
 */
public record ChainVerification(
    boolean ok, long from, long to, long checked, Long brokenAt, String recordId, String problem) {

  static ChainVerification intact(long from, long to, long checked) {
    return new ChainVerification(true, from, to, checked, null, null, null);
  }

  static ChainVerification broken(
      long from, long to, long checked, long at, String recordId, String problem) {
    return new ChainVerification(false, from, to, checked, at, recordId, problem);
  }
}
