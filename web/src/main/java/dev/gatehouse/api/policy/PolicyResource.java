package dev.gatehouse.api.policy;

import dev.gatehouse.api.http.EntityTags;
import dev.gatehouse.api.http.IfMatch;
import dev.gatehouse.api.problem.Problem;
import dev.gatehouse.api.security.RequiresRole;
import dev.gatehouse.connection.AgentSettings.ToolDefault;
import dev.gatehouse.connection.ConnectionDirectory;
import dev.gatehouse.connection.FieldError;
import dev.gatehouse.identity.OperatorRole;
import dev.gatehouse.platform.Jsonp;
import dev.gatehouse.policy.Denylist;
import dev.gatehouse.policy.Evaluation;
import dev.gatehouse.policy.InvalidPolicyRule;
import dev.gatehouse.policy.MaskingSettings;
import dev.gatehouse.policy.PolicyRule;
import dev.gatehouse.policy.PolicyService;
import dev.gatehouse.policy.RequestSample;
import dev.gatehouse.policy.RuleMatch;
import dev.gatehouse.policy.masking.Finding;
import dev.gatehouse.policy.masking.Masker;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /api/v1/policies}: the deny rules and the tool rules (rules with target {@code TOOL}).
 * Admins change them; auditors may read them and try the test endpoint, which changes nothing. A
 * rule carries an {@code ETag} of its version; a change sent with an {@code If-Match} naming an
 * older version is refused with 412 {@code stale_version}, as for connections. The older {@code
 * ?version=} of an update is still read, and still answered 409 {@code policy_changed}. An invalid
 * rule is 400 {@code invalid_policy} with every invalid field in {@code errors}.
 */
@Path("api/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole({OperatorRole.ADMIN, OperatorRole.AUDITOR})
public class PolicyResource {

  @Inject PolicyService policies;

  @Inject Denylist denylist;

  @Inject MaskingSettings masking;

  @Inject ConnectionDirectory connections;

  @Context SecurityContext security;

  @GET
  public String list() {
    JsonArrayBuilder rules = Jsonp.PROVIDER.createArrayBuilder();
    policies.all().forEach(rule -> rules.add(PolicyRuleJson.write(rule)));
    return rules.build().toString();
  }

  /**
   * Every rule as one declarative document, {@code {"policies":[…]}}, in the shape {@link
   * #importRules} accepts: the settings only, no ids, times or versions.
   */
  @GET
  @Path("export")
  public String export() {
    JsonArrayBuilder rules = Jsonp.PROVIDER.createArrayBuilder();
    for (PolicyRule rule : policies.all()) {
      JsonObjectBuilder settings = Jsonp.PROVIDER.createObjectBuilder(PolicyRuleJson.write(rule));
      for (String field : List.of("id", "createdAt", "updatedAt", "version")) {
        settings.remove(field);
      }
      rules.add(settings);
    }
    return Jsonp.PROVIDER.createObjectBuilder().add("policies", rules).build().toString();
  }

  /**
   * Creates or updates the rules of a {@code {"policies":[…]}} document by name, all or nothing;
   * answers which were created, updated or left unchanged.
   */
  @POST
  @Path("import")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresRole(OperatorRole.ADMIN)
  public Response importRules(String body) {
    return guarded(
        () -> {
          JsonObject document = parse(body);
          if (!(document.get("policies") instanceof jakarta.json.JsonArray entries)) {
            throw new InvalidPolicyRule("policies", "The document needs a policies array.");
          }
          List<PolicyRule> rules = new ArrayList<>();
          for (int i = 0; i < entries.size(); i++) {
            String place = "policies[" + i + "]";
            if (!(entries.get(i) instanceof JsonObject entry)) {
              throw new InvalidPolicyRule("", "The entry is not an object.").at(place);
            }
            try {
              rules.add(PolicyRuleJson.read(entry));
            } catch (InvalidPolicyRule e) {
              throw e.at(place);
            }
          }
          PolicyService.ImportResult result = policies.importRules(rules, actor());
          return Response.ok(
                  Jsonp.PROVIDER
                      .createObjectBuilder()
                      .add("created", Jsonp.PROVIDER.createArrayBuilder(result.created()))
                      .add("updated", Jsonp.PROVIDER.createArrayBuilder(result.updated()))
                      .add("unchanged", Jsonp.PROVIDER.createArrayBuilder(result.unchanged()))
                      .build()
                      .toString())
              .build();
        },
        false);
  }

  @GET
  @Path("{id}")
  public Response one(@PathParam("id") String id) {
    return policies
        .find(id)
        .map(rule -> tagged(Response.ok(), rule))
        .orElseGet(PolicyResource::unknown);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresRole(OperatorRole.ADMIN)
  public Response create(String body) {
    return guarded(
        () -> {
          PolicyRule created = policies.create(PolicyRuleJson.read(parse(body)), actor());
          return tagged(
              Response.status(201).header("Location", "api/v1/policies/" + created.getId()),
              created);
        },
        false);
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresRole(OperatorRole.ADMIN)
  public Response update(
      @PathParam("id") String id,
      @HeaderParam("If-Match") String ifMatch,
      @QueryParam("version") Long legacyVersion,
      String body) {
    Long matched = IfMatch.version(ifMatch);
    Long expectedVersion = matched != null ? matched : legacyVersion;
    return guarded(
        () ->
            policies
                .update(id, PolicyRuleJson.read(parse(body)), expectedVersion, actor())
                .map(rule -> tagged(Response.ok(), rule))
                .orElseGet(PolicyResource::unknown),
        matched != null);
  }

  @DELETE
  @Path("{id}")
  @RequiresRole(OperatorRole.ADMIN)
  public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
    Long matched = IfMatch.version(ifMatch);
    return guarded(
        () -> policies.delete(id, matched, actor()) ? Response.noContent().build() : unknown(),
        matched != null);
  }

  /**
   * Shows what a sample would meet: {@code {"connection":"demo", "request":{"method", "path",
   * "query", "headers":{name:value}, "body"}, "response":{"body"}, "toolCall":{"tool", "arguments",
   * "callerGroups"}}} — the deny rules that match the request (and the one that decides), the
   * masked request and response text with the detectors that fired, and what the tool rules say of
   * the tool call ({@link ToolCallTrial}). Nothing is forwarded or stored.
   */
  @POST
  @Path("test")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response test(String body) {
    return guarded(
        () -> {
          JsonObject input = parse(body);
          String connection = input.getString("connection", null);
          JsonObjectBuilder result = Jsonp.PROVIDER.createObjectBuilder();
          Masker masker = masking.masker();
          JsonObject request = input.getJsonObject("request");
          if (request != null) {
            String requestBody = request.getString("body", "");
            Map<String, List<String>> headers = new LinkedHashMap<>();
            JsonObject given = request.getJsonObject("headers");
            if (given != null) {
              given.forEach(
                  (name, value) ->
                      headers.put(
                          name.toLowerCase(java.util.Locale.ROOT),
                          List.of(
                              value instanceof JsonString s ? s.getString() : value.toString())));
            }
            Evaluation evaluation =
                denylist.evaluate(
                    new RequestSample(
                        request.getString("method", "POST"),
                        request.getString("path", "/"),
                        request.getString("query", null),
                        headers,
                        requestBody.getBytes(StandardCharsets.UTF_8)),
                    connection);
            JsonArrayBuilder matches = Jsonp.PROVIDER.createArrayBuilder();
            evaluation.matches().forEach(m -> matches.add(match(m)));
            result.add("matches", matches);
            evaluation
                .deciding()
                .ifPresentOrElse(
                    m -> result.add("decision", m.action()).add("decidingRule", match(m)),
                    () -> result.add("decision", "ALLOW"));
            result.add("maskedRequestBody", masker.mask(requestBody));
            result.add("requestDetectors", detectors(masker, requestBody));
          }
          JsonObject response = input.getJsonObject("response");
          if (response != null) {
            String responseBody = response.getString("body", "");
            result.add("maskedResponseBody", masker.mask(responseBody));
            result.add("responseDetectors", detectors(masker, responseBody));
            result.add(
                "responseMasked", connection == null || masking.masksResponsesOf(connection));
          }
          JsonValue toolCall = input.get("toolCall");
          if (toolCall != null && toolCall.getValueType() != JsonValue.ValueType.NULL) {
            if (toolCall.getValueType() != JsonValue.ValueType.OBJECT) {
              throw new InvalidPolicyRule("toolCall", "The field toolCall must be an object.");
            }
            String toolConnection = connection == null || connection.isBlank() ? null : connection;
            result.add(
                "toolVerdict",
                ToolCallTrial.judge(
                    denylist,
                    ToolCallTrial.read(toolCall.asJsonObject()),
                    toolConnection,
                    toolDefault(toolConnection)));
          }
          return Response.ok(result.build().toString()).build();
        },
        false);
  }

  /**
   * What a tool call no rule names gets on the connection: its {@code toolDefault}, or allow when
   * the sample names no connection (global rules only).
   */
  private ToolDefault toolDefault(String connection) {
    if (connection == null) {
      return ToolDefault.ALLOW;
    }
    return connections
        .find(connection)
        .map(target -> target.agent().toolDefault())
        .orElseThrow(
            () ->
                new InvalidPolicyRule(
                    "connection", "There is no connection named " + connection + "."));
  }

  static JsonObjectBuilder match(RuleMatch m) {
    JsonObjectBuilder b =
        Jsonp.PROVIDER
            .createObjectBuilder()
            .add("ruleId", m.ruleId())
            .add("ruleName", m.ruleName())
            .add("action", m.action())
            .add("where", m.where());
    if (m.message() != null) {
      b.add("message", m.message());
    }
    return b;
  }

  private static JsonArrayBuilder detectors(Masker masker, String text) {
    Set<String> names = new LinkedHashSet<>();
    for (Finding f : masker.find(text)) {
      names.add(f.detector().name());
    }
    JsonArrayBuilder array = Jsonp.PROVIDER.createArrayBuilder();
    new ArrayList<>(names).forEach(array::add);
    return array;
  }

  private static JsonObject parse(String body) {
    if (body == null || body.isBlank()) {
      throw new InvalidPolicyRule("", "A JSON object is required.");
    }
    try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(body))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new InvalidPolicyRule("", "A JSON object is required.");
      }
      return value.asJsonObject();
    } catch (JsonException e) {
      throw new InvalidPolicyRule("", "The body is not valid JSON.");
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      // Parsson's depth guard throws a bare RuntimeException
      throw new InvalidPolicyRule("", "The body is not valid JSON (nested too deep).");
    }
  }

  /**
   * Runs {@code action}, answering its refusals: an invalid rule 400 {@code invalid_policy} with
   * {@code errors}; a rule changed since the version expected 412 {@code stale_version} when an
   * {@code If-Match} named it ({@code ifMatched}), else 409 {@code policy_changed} as before.
   */
  private static Response guarded(Supplier<Response> action, boolean ifMatched) {
    try {
      return action.get();
    } catch (IllegalArgumentException | ClassCastException | OptimisticLockException e) {
      return refusal(e, ifMatched);
    } catch (EJBException e) {
      Throwable cause = e.getCausedByException() != null ? e.getCausedByException() : e.getCause();
      if (cause instanceof IllegalArgumentException || cause instanceof OptimisticLockException) {
        return refusal((RuntimeException) cause, ifMatched);
      }
      throw e;
    }
  }

  private static Response refusal(RuntimeException e, boolean ifMatched) {
    if (e instanceof OptimisticLockException) {
      return ifMatched
          ? Problem.response(
              412,
              Problem.STALE_VERSION,
              "The rule changed since it was read; read it again.",
              null)
          : Problem.response(409, "policy_changed", e.getMessage(), null);
    }
    if (e instanceof InvalidPolicyRule invalid) {
      return Problem.invalid(
          "invalid_policy",
          invalid.getMessage(),
          List.of(new FieldError(invalid.field(), invalid.fault())));
    }
    // A JSON-P accessor met a member of another kind; its message names classes, not fields.
    String message =
        e instanceof ClassCastException ? "A field has the wrong type." : e.getMessage();
    return Problem.invalid("invalid_policy", message, List.of(new FieldError("", message)));
  }

  private static Response unknown() {
    return Problem.response(404, "unknown_policy", "No policy rule has that id.", null);
  }

  /** The rule's JSON with its version as a strong {@code ETag}. */
  private static Response tagged(Response.ResponseBuilder builder, PolicyRule rule) {
    return builder
        .entity(PolicyRuleJson.write(rule).toString())
        .tag(EntityTags.ofVersion(rule.getVersion()))
        .build();
  }

  private String actor() {
    return security.getUserPrincipal() == null ? "unknown" : security.getUserPrincipal().getName();
  }
}
