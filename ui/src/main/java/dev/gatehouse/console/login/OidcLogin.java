package dev.gatehouse.console.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;

/**
 * Console login with the organisation's OpenID Connect provider (authorization code flow), active
 * only when {@code gatehouse.console.oidc.provider-uri} is set (see {@link LoginSelection}). The
 * provider must allow the redirect URI {@code https://<host>/console/callback}. The caller's name
 * comes from {@code sub} by default, so a reviewer is recognised as the same subject as in their
 * bearer tokens (no self-approval); the groups claim is the gateway's.
 *
 * <p>After the provider's answer the operator lands on the overview ({@link OidcCallback}), not on
 * the page first asked for: Soteria's {@code redirectToOriginalResource} replays the original
 * request through a wrapper whose parameter map is null, and every Faces page asks for a parameter
 * (found by {@code ConsoleOidcIT}).
 */
@ApplicationScoped
@OpenIdAuthenticationMechanismDefinition(
    providerURI = "${oidcSettings.providerUri}",
    clientId = "${oidcSettings.clientId}",
    clientSecret = "${oidcSettings.clientSecret}",
    redirectURI = "${baseURL}/callback",
    redirectToOriginalResource = false,
    claimsDefinition =
        @ClaimsDefinition(
            callerNameClaim = "${oidcSettings.callerNameClaim}",
            callerGroupsClaim = "${oidcSettings.groupsClaim}"))
public class OidcLogin {}
