package dev.gatehouse.console.policies;

import dev.gatehouse.policy.Denylist;
import dev.gatehouse.policy.Evaluation;
import dev.gatehouse.policy.MaskingSettings;
import dev.gatehouse.policy.PolicyRule;
import dev.gatehouse.policy.PolicyService;
import dev.gatehouse.policy.RequestSample;
import dev.gatehouse.policy.RuleMatch;
import dev.gatehouse.policy.masking.Finding;
import dev.gatehouse.policy.masking.Masker;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code policies/list.xhtml}: the rules, and a test box that shows what a sample request would
 * meet — the matching rules and the deciding one — and how its body and a sample response would be
 * masked. The same evaluation as the data path ({@link Denylist}, {@link MaskingSettings}); nothing
 * is forwarded or stored.
 */
@Named
@ViewScoped
public class PoliciesBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient PolicyService policies;

  @Inject transient Denylist denylist;

  @Inject transient MaskingSettings masking;

  private String connection;
  private String method = "POST";
  private String path = "/v1/chat/completions";
  private String body;
  private String responseBody;
  private Result result;

  /** What the test box found. */
  public record Result(
      List<RuleMatch> matches,
      String decision,
      String maskedBody,
      List<String> bodyDetectors,
      String maskedResponse,
      List<String> responseDetectors) {}

  public List<PolicyRule> getRules() {
    return policies.all();
  }

  public void test() {
    String requestBody = body == null ? "" : body;
    Evaluation evaluation =
        denylist.evaluate(
            new RequestSample(
                method, path, null, Map.of(), requestBody.getBytes(StandardCharsets.UTF_8)),
            connection == null || connection.isBlank() ? null : connection.strip());
    Masker masker = masking.masker();
    String response = responseBody == null ? "" : responseBody;
    result =
        new Result(
            evaluation.matches(),
            evaluation.deciding().map(RuleMatch::action).orElse("ALLOW"),
            masker.mask(requestBody),
            detectors(masker, requestBody),
            masker.mask(response),
            detectors(masker, response));
  }

  private static List<String> detectors(Masker masker, String text) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (Finding f : masker.find(text)) {
      names.add(f.detector().name());
    }
    return List.copyOf(names);
  }

  public String getConnection() {
    return connection;
  }

  public void setConnection(String connection) {
    this.connection = connection;
  }

  public String getMethod() {
    return method;
  }

  public void setMethod(String method) {
    this.method = method;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public String getBody() {
    return body;
  }

  public void setBody(String body) {
    this.body = body;
  }

  public String getResponseBody() {
    return responseBody;
  }

  public void setResponseBody(String responseBody) {
    this.responseBody = responseBody;
  }

  public Result getResult() {
    return result;
  }
}
