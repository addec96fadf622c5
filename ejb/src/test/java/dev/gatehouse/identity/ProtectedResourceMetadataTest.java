package dev.gatehouse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProtectedResourceMetadataTest {

  private static final String ISSUER = "https://sso.example.com/realms/acme";

  private static JsonObject json(String text) {
    try (var reader = Jsonp.PROVIDER.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  @Test
  void withoutAConfiguredBaseTheResourceIsWhereTheRequestWasAddressed() {
    ProtectedResourceMetadata metadata =
        new ProtectedResourceMetadata(Optional.empty(), Optional.of(ISSUER), List.of());

    ProtectedResource resource =
        metadata.resourceAt("https://localhost:8181", "demo", "/mcp").orElseThrow();

    assertThat(resource.identifier()).isEqualTo("https://localhost:8181/gw/demo/mcp");
  }

  @Test
  void aConfiguredBaseWinsOverTheRequestsHost() {
    ProtectedResourceMetadata metadata =
        new ProtectedResourceMetadata(
            Optional.of(" https://gateway.example.com/ "), Optional.of(ISSUER), List.of());

    assertThat(metadata.resourceAt("https://evil.example", "demo", "/mcp"))
        .map(ProtectedResource::metadataUrl)
        .hasValue("https://gateway.example.com/.well-known/oauth-protected-resource/gw/demo/mcp");
    assertThat(metadata.resourceAt("not even an origin", "demo", "/mcp")).isPresent();
  }

  @Test
  void aConfiguredBaseThatIsNoOriginServesNothingRatherThanGuess() {
    ProtectedResourceMetadata withPath =
        new ProtectedResourceMetadata(
            Optional.of("https://example.com/gatehouse"), Optional.of(ISSUER), List.of());

    assertThat(withPath.resourceAt("https://localhost:8181", "demo", "/mcp")).isEmpty();
  }

  @Test
  void aForgedHostGivesNoResource() {
    ProtectedResourceMetadata metadata =
        new ProtectedResourceMetadata(Optional.of(""), Optional.of(ISSUER), List.of());

    assertThat(metadata.resourceAt("https://a\", error=\"x", "demo", "/mcp")).isEmpty();
  }

  @Test
  void theMetadataAddressNamesTheResourceItWasFormedFrom() {
    ProtectedResourceMetadata metadata =
        new ProtectedResourceMetadata(Optional.empty(), Optional.of(ISSUER), List.of());
    String origin = "https://localhost:8181";

    assertThat(
            metadata.resourceOfMetadataAt(
                origin, "/.well-known/oauth-protected-resource/gw/demo/mcp"))
        .map(ProtectedResource::identifier)
        .hasValue("https://localhost:8181/gw/demo/mcp");
    assertThat(
            metadata.resourceOfMetadataAt(origin, "/.well-known/oauth-protected-resource/gw/demo"))
        .map(ProtectedResource::identifier)
        .hasValue("https://localhost:8181/gw/demo");
    // A connection that does not exist has metadata all the same: existence is not told.
    assertThat(
            metadata.resourceOfMetadataAt(
                origin, "/.well-known/oauth-protected-resource/gw/no-such-connection/x"))
        .isPresent();
  }

  @Test
  void addressesOutsideTheGatewaysResourcesHaveNoMetadata() {
    ProtectedResourceMetadata metadata =
        new ProtectedResourceMetadata(Optional.empty(), Optional.of(ISSUER), List.of());
    String origin = "https://localhost:8181";

    assertThat(metadata.resourceOfMetadataAt(origin, "/.well-known/oauth-protected-resource"))
        .isEmpty();
    assertThat(metadata.resourceOfMetadataAt(origin, "/.well-known/oauth-protected-resource/"))
        .isEmpty();
    assertThat(
            metadata.resourceOfMetadataAt(
                origin, "/.well-known/oauth-protected-resource/api/v1/audit"))
        .isEmpty();
    assertThat(metadata.resourceOfMetadataAt(origin, "/.well-known/oauth-protected-resource/gw/"))
        .isEmpty();
    assertThat(
            metadata.resourceOfMetadataAt(
                origin, "/.well-known/oauth-protected-resource%2Fgw/demo/mcp"))
        .isEmpty();
    assertThat(
            metadata.resourceOfMetadataAt(
                origin, "/.well-known/oauth-protected-resource/gw/demo/../../api"))
        .isEmpty();
    assertThat(metadata.resourceOfMetadataAt(origin, null)).isEmpty();
  }

  @Test
  void theDocumentNamesTheResourceTheIssuerAndHowToSendTheToken() {
    ProtectedResourceMetadata metadata =
        new ProtectedResourceMetadata(Optional.empty(), Optional.of(ISSUER), List.of());
    ProtectedResource resource =
        metadata.resourceAt("https://gw.example.com", "demo", "/mcp").orElseThrow();

    JsonObject document = json(metadata.document(resource));

    assertThat(document.getString("resource")).isEqualTo("https://gw.example.com/gw/demo/mcp");
    assertThat(document.getJsonArray("authorization_servers").getString(0)).isEqualTo(ISSUER);
    assertThat(document.getJsonArray("authorization_servers")).hasSize(1);
    assertThat(document.getJsonArray("bearer_methods_supported").getString(0)).isEqualTo("header");
    assertThat(document.getJsonArray("bearer_methods_supported")).hasSize(1);
    assertThat(document.getString("resource_name")).isEqualTo("Gatehouse connection demo");
    assertThat(document).doesNotContainKey("scopes_supported");
  }

  @Test
  void configuredScopesAreSupportedScopes() {
    ProtectedResourceMetadata metadata =
        new ProtectedResourceMetadata(
            Optional.empty(), Optional.of(ISSUER), List.of("openid", "api://gatehouse/mcp"));
    ProtectedResource resource =
        metadata.resourceAt("https://gw.example.com", "demo", "").orElseThrow();

    JsonObject document = json(metadata.document(resource));

    assertThat(document.getJsonArray("scopes_supported").getValuesAs(jakarta.json.JsonString.class))
        .extracting(jakarta.json.JsonString::getString)
        .containsExactly("openid", "api://gatehouse/mcp");
    assertThat(metadata.scopes()).containsExactly("openid", "api://gatehouse/mcp");
  }

  @Test
  void withoutAnIssuerNoAuthorizationServerIsNamed() {
    ProtectedResourceMetadata metadata =
        new ProtectedResourceMetadata(Optional.empty(), Optional.of(" "), List.of());
    ProtectedResource resource =
        metadata.resourceAt("https://gw.example.com", "demo", "/mcp").orElseThrow();

    assertThat(json(metadata.document(resource))).doesNotContainKey("authorization_servers");
  }
}
