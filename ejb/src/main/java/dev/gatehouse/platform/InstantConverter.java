package dev.gatehouse.platform;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Stores {@link Instant}s as {@code TIMESTAMP WITH TIME ZONE} through {@link OffsetDateTime} (in
 * UTC), a type Jakarta Persistence maps natively. EclipseLink 4 (Persistence 3.1) would otherwise
 * map an {@code Instant} to a binary column, and through {@code java.sql.Timestamp} the reading
 * side breaks on H2, whose driver returns {@code OffsetDateTime} for such columns.
 */
@Converter(autoApply = true)
public class InstantConverter implements AttributeConverter<Instant, OffsetDateTime> {

  @Override
  public OffsetDateTime convertToDatabaseColumn(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  @Override
  public Instant convertToEntityAttribute(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }
}
