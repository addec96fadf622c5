package dev.gatehouse.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.ResourceOperations.Operation;
import dev.gatehouse.api.security.RequiresRole;
import dev.gatehouse.identity.OperatorRole;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Holds {@code META-INF/openapi.yaml}, the admin API's one OpenAPI document (annotation scanning is
 * off, see {@code mp.openapi.scan.disable}), to the JAX-RS resources: every operation described and
 * secured, nothing described that is gone.
 */
class OpenApiDocumentTest {

  /** What is answered without a token, deliberately. */
  private static final Set<String> PUBLIC =
      Set.of("get /api/v1/health", "get /.well-known/oauth-protected-resource{path}");

  @Test
  void everyOperationIsDescribedAndSecuredAndNothingDescribedIsGone() throws IOException {
    List<Operation> operations = ResourceOperations.of(ResourceOperations.resourceClasses());

    assertThat(operations).as("operations found").hasSizeGreaterThan(40);
    assertThat(OpenApiCoverage.problems(document(), operations, PUBLIC)).isEmpty();
  }

  /**
   * Paths whose resources verify the caller's token themselves rather than through {@code
   * RequiresRole}: the data path (in its audited chain) and a held request's status (its requester
   * holds no operator role).
   */
  private static final Set<String> CHECK_THEIR_OWN_TOKEN =
      Set.of("/gw/{connection}{path}", "/api/v1/approvals/{id}/status");

  @Test
  void anOperationWithoutARoleIsDeliberatelyPublicOrChecksTheTokenItself() {
    List<String> unguarded =
        ResourceOperations.of(ResourceOperations.resourceClasses()).stream()
            .filter(o -> o.roles() == null)
            .filter(o -> !PUBLIC.contains(o.key()) && !CHECK_THEIR_OWN_TOKEN.contains(o.path()))
            .map(Operation::key)
            .toList();

    assertThat(unguarded).as("operations open to anyone by mistake").isEmpty();
  }

  @Test
  void theInvalidRequestAndPreconditionShapesAreSharedDefinitions() throws IOException {
    Map<String, Object> components = section(document(), "components");

    assertThat(section(components, "schemas")).containsKeys("Problem", "FieldError");
    assertThat(section(components, "parameters")).containsKey("IfMatch");
    assertThat(section(components, "headers")).containsKey("ETag");
    assertThat(section(components, "responses"))
        .containsKeys("InvalidRequest", "PreconditionFailed");
  }

  @Test
  void pathTemplatesAreWrittenAsOpenApiWritesThem() {
    assertThat(ResourceOperations.template("gw/{connection}{path: (/.*)?}", ""))
        .isEqualTo("/gw/{connection}{path}");
    assertThat(ResourceOperations.template("api/v1/policies", "{id}"))
        .isEqualTo("/api/v1/policies/{id}");
    assertThat(ResourceOperations.template("api/v1/policies/", "/")).isEqualTo("/api/v1/policies");
  }

  // The check must be able to fail: a resource it has not seen, and a document that is wrong.

  @Path("api/v1/synthetic")
  @RequiresRole(OperatorRole.ADMIN)
  static class SyntheticResource {
    @GET
    @Path("{id}")
    public String one(@PathParam("id") String id) {
      return id;
    }

    @DELETE
    @Path("{id}")
    public void delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {}
  }

  @Test
  void anOperationTheDocumentLacksIsFound() throws IOException {
    List<Operation> operations = ResourceOperations.of(List.of(SyntheticResource.class));

    assertThat(OpenApiCoverage.problems(document(), operations, Set.of()))
        .contains(
            "get /api/v1/synthetic/{id} is not in the document",
            "delete /api/v1/synthetic/{id} is not in the document");
  }

  @Test
  void anUnsecuredUndescribedOrStaleDocumentIsFound() {
    Map<String, Object> document =
        new Yaml()
            .load(
                """
                components:
                  securitySchemes: {bearer: {type: http, scheme: bearer}}
                paths:
                  /api/v1/synthetic/{id}:
                    get:
                      responses: {"200": {description: OK}}
                      x-gatehouse-roles: [auditor]
                    delete:
                      summary: Removes it
                      security: [{bearer: []}]
                      x-gatehouse-roles: [admin]
                      responses: {"204": {description: Removed}}
                  /api/v1/gone:
                    get:
                      summary: Was here once
                      security: [{bearer: []}]
                      responses: {"200": {description: OK}}
                """);
    List<Operation> operations = ResourceOperations.of(List.of(SyntheticResource.class));

    assertThat(OpenApiCoverage.problems(document, operations, Set.of()))
        .containsExactlyInAnyOrder(
            "get /api/v1/synthetic/{id} has no summary",
            "get /api/v1/synthetic/{id} has no security requirement",
            "get /api/v1/synthetic/{id} must list x-gatehouse-roles [admin]",
            "delete /api/v1/synthetic/{id} reads If-Match: list " + OpenApiCoverage.IF_MATCH_REF,
            "delete /api/v1/synthetic/{id} reads If-Match: list its 412 response",
            "get /api/v1/gone is in the document but no resource answers it");
  }

  @Test
  void aPublicOperationMustSaySo() {
    Map<String, Object> document =
        new Yaml()
            .load(
                """
                paths:
                  /api/v1/synthetic/{id}:
                    get:
                      summary: One
                      x-gatehouse-roles: [admin]
                      responses: {"200": {description: OK}}
                """);
    List<Operation> operations =
        ResourceOperations.of(List.of(SyntheticResource.class)).stream()
            .filter(o -> o.method().equals("get"))
            .toList();

    assertThat(OpenApiCoverage.problems(document, operations, Set.of(operations.get(0).key())))
        .containsExactly("get /api/v1/synthetic/{id} is public: it must say so with security: []");
  }

  private static Map<String, Object> document() throws IOException {
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/META-INF/openapi.yaml")) {
      assertThat(in).as("META-INF/openapi.yaml").isNotNull();
      return new Yaml().load(in);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> parent, String name) {
    return parent.get(name) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
