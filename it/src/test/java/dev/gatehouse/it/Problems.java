package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

/** Assertions on RFC 9457 problem documents. */
final class Problems {

  private Problems() {}

  /** Asserts a problem document with that status and reason; returns its audit id (may be null). */
  static String assertProblem(HttpResponse<String> response, int status, String reason) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body())
        .contains("\"status\":" + status)
        .contains("\"reason\":\"" + reason + "\"")
        .contains("\"type\":\"urn:gatehouse:problem:" + reason + "\"");
    return Json.field(response.body(), "auditId");
  }
}
