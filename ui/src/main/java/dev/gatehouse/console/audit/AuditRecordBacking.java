package dev.gatehouse.console.audit;

import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.audit.AuditService;
import dev.gatehouse.audit.ChainVerification;
import dev.gatehouse.console.approvals.JsonText;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * {@code audit/record.xhtml}: one record with its TLS facts, rule hits, masked transcripts and
 * whether its link in the hash chain verifies.
 */
@Named
@RequestScoped
public class AuditRecordBacking {

  @Inject AuditService audit;

  private String id;
  private AuditRecord record;
  private ChainVerification chain;

  public void load() {
    record = id == null ? null : audit.find(id);
    if (record != null && record.getSeq() != null) {
      chain = audit.verify(record.getSeq(), record.getSeq());
    }
  }

  public AuditRecord getRecord() {
    return record;
  }

  public ChainVerification getChain() {
    return chain;
  }

  public String getRuleHits() {
    return record == null ? null : JsonText.pretty(record.getRuleHits());
  }

  public TranscriptView getRequest() {
    return record == null ? null : TranscriptView.of(record.getRequestTranscript());
  }

  public TranscriptView getResponse() {
    return record == null ? null : TranscriptView.of(record.getResponseTranscript());
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }
}
