package dev.gatehouse.console.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The OpenID Connect settings, read by {@link OidcLogin}'s expressions. The client secret is only
 * handed to the security runtime; nothing renders it.
 */
@ApplicationScoped
@Named("oidcSettings")
public class OidcSettings {

  @Inject
  @ConfigProperty(name = ConsoleLogin.PROVIDER_URI)
  Optional<String> providerUri;

  @Inject
  @ConfigProperty(name = "gatehouse.console.oidc.client-id", defaultValue = "gatehouse-console")
  String clientId;

  @Inject
  @ConfigProperty(name = "gatehouse.console.oidc.client-secret")
  Optional<String> clientSecret;

  @Inject
  @ConfigProperty(name = "gatehouse.console.oidc.caller-name-claim", defaultValue = "sub")
  String callerNameClaim;

  @Inject
  @ConfigProperty(name = "gatehouse.identity.groups-claim", defaultValue = "groups")
  String groupsClaim;

  public String getProviderUri() {
    return providerUri.orElse("");
  }

  public String getClientId() {
    return clientId;
  }

  public String getClientSecret() {
    return clientSecret.orElse("");
  }

  public String getCallerNameClaim() {
    return callerNameClaim;
  }

  public String getGroupsClaim() {
    return groupsClaim;
  }
}
