package dev.gatehouse.audit;

import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/**
 * A checkpoint of the chain's head: which record was newest ({@code seq}) and its hash, at a time,
 * as seen by an instance. Written every {@code gatehouse.audit.checkpoint.records} records or
 * {@code gatehouse.audit.checkpoint.interval-seconds} seconds, logged, and delivered to the sinks,
 * so that a SIEM holds evidence of the chain that a later rewrite of the database cannot reach: a
 * rewritten or truncated chain no longer has the checkpointed hash at the checkpointed place.
 *
 * <p>Line shape in the sinks (one JSON object, beside the OCSF events, told apart by {@code type}):
 * {@code {"type":"gatehouse.audit.checkpoint","version":1,"seq":N,"record_hash":"…",
 * "key_id":"…"|null,"format":"gatehouse-audit-v2-hmac"|"gatehouse-audit-v1","time":"…Z",
 * "time_ms":…,"instance":"…","trigger":"records"|"interval"}}.
 *
 * @param seq the chain's newest record when the checkpoint was taken
 * @param recordHash that record's hash
 * @param keyId the chain key it is sealed under, or null (unkeyed, v1)
 * @param createdAt when the checkpoint was taken
 * @param instance the server instance that took it
 * @param trigger {@code records} (N more records were chained) or {@code interval} (T seconds)
 */
public record ChainCheckpoint(
    long seq, String recordHash, String keyId, Instant createdAt, String instance, String trigger) {

  public static final String TYPE = "gatehouse.audit.checkpoint";

  /** The checkpoint as one line of JSON (no line break). */
  public String jsonLine() {
    JsonObjectBuilder line =
        Jsonp.PROVIDER
            .createObjectBuilder()
            .add("type", TYPE)
            .add("version", 1)
            .add("seq", seq)
            .add("record_hash", recordHash);
    if (keyId == null) {
      line.addNull("key_id");
    } else {
      line.add("key_id", keyId);
    }
    return line.add("format", keyId == null ? ChainHash.FORMAT : ChainHash.FORMAT_HMAC)
        .add("time", createdAt.toString())
        .add("time_ms", createdAt.toEpochMilli())
        .add("instance", instance)
        .add("trigger", trigger)
        .build()
        .toString();
  }
}
