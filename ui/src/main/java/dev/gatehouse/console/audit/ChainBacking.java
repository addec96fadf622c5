package dev.gatehouse.console.audit;

import dev.gatehouse.audit.AuditService;
import dev.gatehouse.audit.ChainVerification;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** The whole-chain check on the audit page, run on request (it reads every record). */
@Named
@ViewScoped
public class ChainBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient AuditService audit;

  private ChainVerification result;

  public void verify() {
    result = audit.verify(null, null);
  }

  public ChainVerification getResult() {
    return result;
  }
}
