package dev.gatehouse.api.audit;

import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.audit.AuditService;
import dev.gatehouse.audit.OcsfEvent;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON Lines export: one event per chained record (see {@link OcsfEvent} for the schema), in
 * chain order, read page by page so nothing is held whole. A consumer resumes after the last {@code
 * metadata.sequence} it stored ({@code ?fromSeq=last+1}).
 */
final class AuditExport implements StreamingOutput {

  static final String MEDIA_TYPE = "application/jsonl";

  private static final int PAGE = 200;

  private final AuditService audit;
  private final long fromSeq;
  private final Long toSeq;

  AuditExport(AuditService audit, long fromSeq, Long toSeq) {
    this.audit = audit;
    this.fromSeq = Math.max(1, fromSeq);
    this.toSeq = toSeq;
  }

  @Override
  public void write(OutputStream out) throws IOException {
    long next = fromSeq;
    while (true) {
      List<AuditRecord> page = audit.chained(next, toSeq, PAGE);
      for (AuditRecord r : page) {
        out.write(OcsfEvent.line(r).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        next = r.getSeq() + 1;
      }
      out.flush();
      if (page.size() < PAGE) {
        return;
      }
    }
  }
}
