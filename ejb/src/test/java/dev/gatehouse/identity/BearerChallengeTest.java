package dev.gatehouse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.exchange.GatewayRefusal;
import java.util.List;
import org.junit.jupiter.api.Test;

class BearerChallengeTest {

  private static final String METADATA =
      "https://gw.example.com/.well-known/oauth-protected-resource/gw/demo/mcp";

  @Test
  void aRequestWithoutATokenIsToldWhereToGetOneAndNotThatItErred() {
    GatewayRefusal refusal =
        AccessCheckedInterceptor.unauthorized(
            "missing_token", "A bearer token is required.", METADATA, List.of());

    assertThat(refusal.status()).isEqualTo(401);
    assertThat(refusal.reason()).isEqualTo("missing_token");
    assertThat(refusal.headers().get("WWW-Authenticate"))
        .isEqualTo("Bearer realm=\"gatehouse\", resource_metadata=\"" + METADATA + "\"");
  }

  @Test
  void aRejectedTokenKeepsItsErrorAndNamesTheMetadataAndScopes() {
    GatewayRefusal refusal =
        AccessCheckedInterceptor.unauthorized(
            "token_expired", "The token has expired.", METADATA, List.of("openid", "mcp"));

    assertThat(refusal.headers().get("WWW-Authenticate"))
        .isEqualTo(
            "Bearer realm=\"gatehouse\", error=\"invalid_token\","
                + " error_description=\"the token has expired.\", resource_metadata=\""
                + METADATA
                + "\", scope=\"openid mcp\"");
  }

  @Test
  void outsideTheGatewaysResourcesNoMetadataIsNamed() {
    GatewayRefusal refusal =
        AccessCheckedInterceptor.unauthorized("wrong_audience", "The token is meant for another.");

    assertThat(refusal.headers().get("WWW-Authenticate"))
        .isEqualTo(
            "Bearer realm=\"gatehouse\", error=\"invalid_token\","
                + " error_description=\"the token is meant for another.\"");
  }

  @Test
  void quotesCannotEndAParameterEarly() {
    assertThat(BearerChallenge.of("invalid_token", "a \"quoted\" \\ word", null, List.of("x\"y")))
        .isEqualTo(
            "Bearer realm=\"gatehouse\", error=\"invalid_token\","
                + " error_description=\"a 'quoted' / word\", scope=\"x'y\"");
  }
}
