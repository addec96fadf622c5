package dev.gatehouse.api;

import dev.gatehouse.api.ResourceOperations.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares an OpenAPI document with the operations the resources answer, both ways: every operation
 * is described (a summary, responses), secured unless it is deliberately public, with the roles of
 * its {@code @RequiresRole} and, when it reads {@code If-Match}, that header and its 412; and every
 * operation described is still answered.
 */
final class OpenApiCoverage {

  static final String IF_MATCH_REF = "#/components/parameters/IfMatch";

  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  private OpenApiCoverage() {}

  /**
   * What is wrong, one line each; empty when the document and the code agree.
   *
   * @param publicOperations the keys ({@code "get /api/v1/health"}) answered without a token
   */
  static List<String> problems(
      Map<String, Object> document, List<Operation> operations, Set<String> publicOperations) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> paths = map(document.get("paths"));
    Set<String> schemes = map(map(document.get("components")).get("securitySchemes")).keySet();
    Set<String> answered = new TreeSet<>();
    for (Operation operation : operations) {
      answered.add(operation.key());
      Map<String, Object> described = map(map(paths.get(operation.path())).get(operation.method()));
      if (described.isEmpty()) {
        problems.add(operation.key() + " is not in the document");
        continue;
      }
      if (!(described.get("summary") instanceof String summary) || summary.isBlank()) {
        problems.add(operation.key() + " has no summary");
      }
      if (map(described.get("responses")).isEmpty()) {
        problems.add(operation.key() + " lists no responses");
      }
      checkSecurity(operation, described, publicOperations, schemes, problems);
      checkRoles(operation, described, problems);
      checkIfMatch(operation, described, problems);
    }
    for (Map.Entry<String, Object> path : paths.entrySet()) {
      for (String method : map(path.getValue()).keySet()) {
        String key = method + " " + path.getKey();
        if (HTTP_METHODS.contains(method) && !answered.contains(key)) {
          problems.add(key + " is in the document but no resource answers it");
        }
      }
    }
    for (String key : publicOperations) {
      if (!answered.contains(key)) {
        problems.add(key + " is listed as public but no resource answers it");
      }
    }
    return problems;
  }

  private static void checkSecurity(
      Operation operation,
      Map<String, Object> described,
      Set<String> publicOperations,
      Set<String> schemes,
      List<String> problems) {
    Object security = described.get("security");
    if (publicOperations.contains(operation.key())) {
      if (!(security instanceof List<?> none) || !none.isEmpty()) {
        problems.add(operation.key() + " is public: it must say so with security: []");
      }
      return;
    }
    if (!(security instanceof List<?> requirements) || requirements.isEmpty()) {
      problems.add(operation.key() + " has no security requirement");
      return;
    }
    for (Object requirement : requirements) {
      if (map(requirement).isEmpty() || !schemes.containsAll(map(requirement).keySet())) {
        problems.add(operation.key() + " names a security scheme the document does not define");
      }
    }
  }

  private static void checkRoles(
      Operation operation, Map<String, Object> described, List<String> problems) {
    Object roles = described.get("x-gatehouse-roles");
    if (operation.roles() == null) {
      if (roles != null) {
        problems.add(operation.key() + " lists x-gatehouse-roles but requires no role");
      }
    } else if (!(roles instanceof List<?> listed)
        || !new TreeSet<>(listed.stream().map(String::valueOf).toList())
            .equals(operation.roles())) {
      problems.add(operation.key() + " must list x-gatehouse-roles " + operation.roles());
    }
  }

  private static void checkIfMatch(
      Operation operation, Map<String, Object> described, List<String> problems) {
    boolean listed =
        described.get("parameters") instanceof List<?> parameters
            && parameters.stream().anyMatch(p -> IF_MATCH_REF.equals(map(p).get("$ref")));
    if (operation.readsIfMatch() && !listed) {
      problems.add(operation.key() + " reads If-Match: list " + IF_MATCH_REF);
    }
    if (!operation.readsIfMatch() && listed) {
      problems.add(operation.key() + " lists If-Match but does not read it");
    }
    boolean lists412 =
        map(described.get("responses")).keySet().stream()
            .map(String::valueOf)
            .anyMatch("412"::equals);
    if (operation.readsIfMatch() && !lists412) {
      problems.add(operation.key() + " reads If-Match: list its 412 response");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
