package dev.gatehouse.audit.sink;

import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.audit.ChainCheckpoint;
import java.io.IOException;
import java.util.List;

/**
 * A receiver of the chained audit trail. {@link #deliver} returns normally only when the receiver
 * has taken the whole batch; any exception means the batch is sent again (at least once).
 */
public interface AuditSink extends AutoCloseable {

  /** The name of the sink's cursor row and in the status API: {@code syslog} or {@code https}. */
  String name();

  /** Where it delivers (host:port or URL), for the status API. */
  String target();

  /** Most records per batch. */
  int batchSize();

  /** Delivers the records, in chain order. */
  void deliver(List<AuditRecord> records) throws IOException;

  /** Delivers checkpoints of the chain's head, oldest first; the same promise as records. */
  void deliverCheckpoints(List<ChainCheckpoint> checkpoints) throws IOException;

  @Override
  void close();
}
