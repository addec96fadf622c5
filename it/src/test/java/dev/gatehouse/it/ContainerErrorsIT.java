package dev.gatehouse.it;

import static dev.gatehouse.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the container answers outside Gatehouse's resources is a problem document too. */
@ExtendWith(ArquillianExtension.class)
class ContainerErrorsIT {

  private final TestDomain domain = TestDomain.get();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  @Test
  void unknownPathsAnswerWithAProblemDocumentThatDoesNotNameTheServer() throws Exception {
    HttpResponse<String> response =
        domain
            .client()
            .send(domain.request("/no/such/place").build(), HttpResponse.BodyHandlers.ofString());

    assertThat(assertProblem(response, 404, "not_found")).as("audit id").isNotBlank();
    assertThat(response.body()).doesNotContainIgnoringCase("payara");
    assertThat(response.headers().firstValue("server")).isEmpty();
    assertThat(response.headers().firstValue("x-powered-by")).isEmpty();
  }

  @Test
  void aMethodTheApiDoesNotOfferIsA405ProblemWithAnAuditRecord() throws Exception {
    HttpResponse<String> response =
        domain
            .client()
            .send(
                domain.request("/api/v1/health").DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(assertProblem(response, 405, "method_not_allowed")).isNotBlank();
  }

  @Test
  void healthSaysUpOnceTheSchemaIsCurrent() throws Exception {
    HttpResponse<String> response =
        domain
            .client()
            .send(domain.request("/api/v1/health").build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"UP\"");
  }
}
