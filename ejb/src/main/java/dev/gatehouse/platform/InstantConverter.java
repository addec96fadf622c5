package dev.gatehouse.platform;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Stores {@link Instant}s as SQL timestamps. EclipseLink 4 (Jakarta Persistence 3.1) would map an
 * {@code Instant} to a binary column; through {@link Timestamp} both H2 and PostgreSQL store a
 * {@code TIMESTAMP WITH TIME ZONE} that reads back as the same instant.
 */
@Converter(autoApply = true)
public class InstantConverter implements AttributeConverter<Instant, Timestamp> {

  @Override
  public Timestamp convertToDatabaseColumn(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  @Override
  public Instant convertToEntityAttribute(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
