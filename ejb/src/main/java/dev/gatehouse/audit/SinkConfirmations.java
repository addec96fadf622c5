package dev.gatehouse.audit;

import java.util.List;

/**
 * What the configured audit sinks have confirmed, so that retention exports before it purges: only
 * a record every configured sink has confirmed may go. Implemented by the sink dispatcher; declared
 * here so that the audit package does not depend on the sinks.
 */
public interface SinkConfirmations {

  /**
   * One confirmation per configured sink (a misconfigured one included: it is meant to receive the
   * trail); empty when no sink is configured. A sink removed from the configuration is not listed,
   * whatever its old cursor row says.
   *
   * @throws RuntimeException when the cursors cannot be read; the caller must then purge nothing
   */
  List<SinkConfirmation> confirmations();
}
