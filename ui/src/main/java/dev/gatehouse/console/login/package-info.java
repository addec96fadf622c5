/**
 * Console sign-in: OpenID Connect against the configured provider, or the demo users of a domain
 * made by {@code gatehouse up}; groups become the console's roles through the gateway's own
 * mapping.
 */
package dev.gatehouse.console.login;
