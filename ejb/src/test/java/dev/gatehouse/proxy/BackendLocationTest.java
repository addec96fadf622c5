package dev.gatehouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class BackendLocationTest {

  private static final URI BASE = URI.create("https://agent.corp.example:8443/api");

  @Test
  void rewritesALocationBelowTheBaseToTheGatewayPath() {
    assertThat(
            BackendLocation.towardsCaller(
                "https://agent.corp.example:8443/api/v1/runs/7?x=1", BASE, BASE, "agent"))
        .contains("/gw/agent/v1/runs/7?x=1");
    assertThat(BackendLocation.towardsCaller("/api/v1/runs/7", BASE, BASE, "agent"))
        .contains("/gw/agent/v1/runs/7");
    assertThat(BackendLocation.towardsCaller("runs/7", URI.create(BASE + "/v1/x"), BASE, "agent"))
        .contains("/gw/agent/v1/runs/7");
  }

  @Test
  void dropsALocationElsewhereOnTheBackendOrOnAnInternalHost() {
    assertThat(BackendLocation.towardsCaller("/internal/admin", BASE, BASE, "agent")).isEmpty();
    assertThat(BackendLocation.towardsCaller("/apiother", BASE, BASE, "agent")).isEmpty();
    assertThat(BackendLocation.towardsCaller("https://10.0.3.7/login", BASE, BASE, "agent"))
        .isEmpty();
    assertThat(BackendLocation.towardsCaller("http://127.0.0.1:9000/", BASE, BASE, "agent"))
        .isEmpty();
    assertThat(BackendLocation.towardsCaller("https://[::1]/", BASE, BASE, "agent")).isEmpty();
    assertThat(BackendLocation.towardsCaller("https://vault/", BASE, BASE, "agent")).isEmpty();
    assertThat(BackendLocation.towardsCaller("https://db.internal/x", BASE, BASE, "agent"))
        .isEmpty();
    assertThat(BackendLocation.towardsCaller("::not a uri::", BASE, BASE, "agent")).isEmpty();
  }

  @Test
  void passesALocationOnAnotherPublicHost() {
    assertThat(
            BackendLocation.towardsCaller("https://login.example.com/authorize", BASE, BASE, "a"))
        .contains("https://login.example.com/authorize");
  }
}
