package dev.gatehouse.it;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Calls the admin API as an admin (or another operator) and keeps every response body it saw, so
 * that a test can assert that no secret ever came back.
 */
final class AdminApi {

  /** Every admin API response body of the suite. */
  static final List<String> SEEN = new CopyOnWriteArrayList<>();

  private final TestDomain domain;
  private final String token;

  AdminApi(TestDomain domain, String subject, String... groups) {
    this.domain = domain;
    this.token = domain.token(subject, groups);
  }

  static AdminApi admin(TestDomain domain) {
    return new AdminApi(domain, "ada", "gatehouse-admin");
  }

  HttpResponse<String> get(String path) throws Exception {
    return send(request(path).GET().build());
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  HttpResponse<String> put(String path, String json, String ifMatch) throws Exception {
    HttpRequest.Builder b =
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json));
    if (ifMatch != null) {
      b.header("If-Match", ifMatch);
    }
    return send(b.build());
  }

  HttpResponse<String> delete(String path) throws Exception {
    return send(request(path).DELETE().build());
  }

  HttpResponse<String> delete(String path, String ifMatch) throws Exception {
    return send(request(path).header("If-Match", ifMatch).DELETE().build());
  }

  private HttpRequest.Builder request(String path) {
    return domain.request(path).header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    HttpResponse<String> response =
        domain.client().send(request, HttpResponse.BodyHandlers.ofString());
    SEEN.add(response.body());
    response.headers().map().values().forEach(v -> SEEN.add(String.join(",", v)));
    return response;
  }

  /** A JSON string literal. */
  static String str(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
