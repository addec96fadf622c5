package dev.gatehouse.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;

/**
 * One audit record as the writer stores and the verifier reads it: plain values by {@link
 * AuditField}. Instants are kept at microsecond precision, the precision both H2 and PostgreSQL
 * store, so that a record hashes the same before it is written and after it is read back.
 */
public final class AuditEntry {

  private final Map<AuditField, Object> values = new EnumMap<>(AuditField.class);

  /**
   * The id of the chain key the record is sealed under; null for an unkeyed (v1) record. Not an
   * {@link AuditField}: the v1 canonical form must stay as it was, and v2 covers the id itself.
   */
  private String keyId;

  Object get(AuditField field) {
    return values.get(field);
  }

  String string(AuditField field) {
    return (String) values.get(field);
  }

  Long seq() {
    return (Long) values.get(AuditField.SEQ);
  }

  String id() {
    return string(AuditField.ID);
  }

  String keyId() {
    return keyId;
  }

  AuditEntry keyId(String keyId) {
    this.keyId = keyId;
    return this;
  }

  /**
   * Text as every store keeps it: PostgreSQL's text types cannot hold NUL, so a NUL (a UTF-16 body
   * in a transcript, say) is written as the escape {@code \\u0000} — before the record is hashed,
   * so the chain covers what is stored. Without this the completed record of such a request could
   * not be written at all.
   */
  static String storable(String text) {
    return text.indexOf('\0') < 0 ? text : text.replace("\0", "\\u0000");
  }

  AuditEntry set(AuditField field, Object value) {
    if (value == null) {
      values.remove(field);
      return this;
    }
    Object typed =
        switch (field.kind) {
          case STRING -> storable((String) value);
          case INSTANT -> ((Instant) value).truncatedTo(ChronoUnit.MICROS);
          case LONG -> ((Number) value).longValue();
          case INTEGER -> ((Number) value).intValue();
          case BOOLEAN -> (Boolean) value;
        };
    values.put(field, typed);
    return this;
  }

  /** Sets a text field, clipped to the column's width. */
  AuditEntry text(AuditField field, String value, int max) {
    return set(field, value == null || value.length() <= max ? value : value.substring(0, max));
  }

  AuditEntry copy() {
    AuditEntry copy = new AuditEntry();
    copy.values.putAll(values);
    copy.keyId = keyId;
    return copy;
  }
}
