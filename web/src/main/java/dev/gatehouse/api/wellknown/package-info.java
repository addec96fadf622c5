/**
 * Documents served at the host's {@code /.well-known/} addresses (RFC 8615) for clients that know
 * nothing of Gatehouse yet: the OAuth 2.0 protected resource metadata of the gateway's resources.
 */
package dev.gatehouse.api.wellknown;
