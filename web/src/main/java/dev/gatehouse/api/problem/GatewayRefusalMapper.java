package dev.gatehouse.api.problem;

import dev.gatehouse.connection.FieldError;
import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.policy.PolicyRefusal;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renders a refusal of the data path as its problem document, or as a JSON-RPC error when the
 * caller speaks JSON-RPC (MCP). A refusal of an invalid admin request field carries it in {@code
 * errors}, the admin API's one shape for invalid requests ({@link Problem#invalid}).
 */
@Provider
public class GatewayRefusalMapper implements ExceptionMapper<GatewayRefusal> {

  private static final Logger LOG = Logger.getLogger(GatewayRefusalMapper.class.getName());

  @Override
  public Response toResponse(GatewayRefusal refusal) {
    if (refusal.status() == 500 && refusal.getCause() != null) {
      // A fault of the gateway itself, not of a backend or the store: the trace is what finds it.
      LOG.log(
          Level.SEVERE,
          "Refused with 500 " + refusal.reason() + " (audit " + refusal.auditId() + ")",
          refusal.getCause());
    } else if (refusal.status() >= 500) {
      LOG.log(
          Level.WARNING,
          "Refused with {0} {1} (audit {2}): {3}",
          new Object[] {
            refusal.status(),
            refusal.reason(),
            refusal.auditId(),
            String.valueOf(refusal.getCause())
          });
    }
    String ruleId = refusal instanceof PolicyRefusal policy ? policy.ruleId() : null;
    if (refusal.jsonRpcCode() != null) {
      return JsonRpcError.response(refusal, ruleId);
    }
    return Problem.response(
        refusal.status(),
        refusal.reason(),
        refusal.detail(),
        refusal.auditId(),
        refusal.headers(),
        body -> {
          if (ruleId != null) {
            body.add("ruleId", ruleId);
          }
          refusal.details().forEach(body::add);
          if (refusal.invalidField() != null) {
            body.add(
                "errors",
                Problem.json(
                    List.of(
                        new FieldError(refusal.invalidField(), String.valueOf(refusal.detail())))));
          }
        });
  }
}
