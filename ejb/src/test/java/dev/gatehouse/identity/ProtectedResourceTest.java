package dev.gatehouse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProtectedResourceTest {

  private static ProtectedResource at(String origin, String connection, String path) {
    return ProtectedResource.at(origin, connection, path).orElseThrow();
  }

  @Test
  void theWellKnownStringGoesBetweenTheOriginAndThePath() {
    ProtectedResource mcp = at("https://gw.example.com", "demo", "/mcp");

    assertThat(mcp.identifier()).isEqualTo("https://gw.example.com/gw/demo/mcp");
    assertThat(mcp.metadataUrl())
        .isEqualTo("https://gw.example.com/.well-known/oauth-protected-resource/gw/demo/mcp");
  }

  @Test
  void theConnectionRootAndATrailingSlashAreResourcesOfTheirOwn() {
    assertThat(at("https://gw.example.com:8181", "demo", "").identifier())
        .isEqualTo("https://gw.example.com:8181/gw/demo");
    assertThat(at("https://gw.example.com:8181", "demo", null).metadataUrl())
        .isEqualTo("https://gw.example.com:8181/.well-known/oauth-protected-resource/gw/demo");
    assertThat(at("https://gw.example.com:8181", "demo", "/").metadataUrl())
        .isEqualTo("https://gw.example.com:8181/.well-known/oauth-protected-resource/gw/demo/");
  }

  @Test
  void thePathIsKeptAsSentPercentEncodingsAndAll() {
    ProtectedResource resource = at("https://[::1]:8181", "demo", "/v1/a%20b;x=1/@c:d");

    assertThat(resource.identifier()).isEqualTo("https://[::1]:8181/gw/demo/v1/a%20b;x=1/@c:d");
    assertThat(resource.metadataUrl())
        .isEqualTo(
            "https://[::1]:8181/.well-known/oauth-protected-resource/gw/demo/v1/a%20b;x=1/@c:d");
  }

  @Test
  void anOriginThatIsMoreOrLessThanSchemeHostAndPortGivesNoResource() {
    assertThat(ProtectedResource.at("https://gw.example.com/prefix", "demo", "/mcp")).isEmpty();
    assertThat(ProtectedResource.at("https://gw.example.com/", "demo", "/mcp")).isEmpty();
    assertThat(ProtectedResource.at("ftp://gw.example.com", "demo", "/mcp")).isEmpty();
    assertThat(ProtectedResource.at("https://evil\", x=\"y", "demo", "/mcp")).isEmpty();
    assertThat(ProtectedResource.at("https://user@gw.example.com", "demo", "/mcp")).isEmpty();
    assertThat(ProtectedResource.at("https://gw.example.com:", "demo", "/mcp")).isEmpty();
    assertThat(ProtectedResource.at("gw.example.com", "demo", "/mcp")).isEmpty();
    assertThat(ProtectedResource.at(null, "demo", "/mcp")).isEmpty();
  }

  @Test
  void aNameNoConnectionCanHaveGivesNoResource() {
    assertThat(ProtectedResource.at("https://gw", "Demo", "/mcp")).isEmpty();
    assertThat(ProtectedResource.at("https://gw", "", "/mcp")).isEmpty();
    assertThat(ProtectedResource.at("https://gw", "de%6do", "/mcp")).isEmpty();
    assertThat(ProtectedResource.at("https://gw", null, "/mcp")).isEmpty();
  }

  @Test
  void aPathAClientCouldReadDifferentlyGivesNoResource() {
    assertThat(ProtectedResource.at("https://gw", "demo", "/a/../../api/v1/audit")).isEmpty();
    assertThat(ProtectedResource.at("https://gw", "demo", "/a/%2e%2E/b")).isEmpty();
    assertThat(ProtectedResource.at("https://gw", "demo", "/./mcp")).isEmpty();
    assertThat(ProtectedResource.at("https://gw", "demo", "/m\"cp")).isEmpty();
    assertThat(ProtectedResource.at("https://gw", "demo", "/m cp")).isEmpty();
    assertThat(ProtectedResource.at("https://gw", "demo", "/m\\cp")).isEmpty();
    assertThat(ProtectedResource.at("https://gw", "demo", "/mcp%zz")).isEmpty();
    assertThat(ProtectedResource.at("https://gw", "demo", "/mcp?x=1")).isEmpty();
    assertThat(ProtectedResource.at("https://gw", "demo", "/mcp#top")).isEmpty();
    assertThat(ProtectedResource.at("https://gw", "demo", "mcp")).isEmpty();
    assertThat(ProtectedResource.at("https://gw", "demo", "/m\u00e9")).isEmpty();
  }

  @Test
  void dotsInsideASegmentAreOrdinaryCharacters() {
    assertThat(ProtectedResource.at("https://gw", "demo", "/v1.2/..hidden/a.")).isPresent();
  }
}
