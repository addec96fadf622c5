/**
 * Who is calling: bearer tokens in the MicroProfile JWT format (RS256/ES256, {@code iss}, {@code
 * aud}, {@code exp}, {@code groups}) verified by {@link dev.gatehouse.identity.TokenVerifier}
 * inside the audited chain, so that every rejected token leaves an audit record and a problem
 * document; {@link dev.gatehouse.identity.AccessChecked} decides whether the caller's groups may
 * use the connection; {@link dev.gatehouse.identity.OperatorRoles} maps groups to operator roles. A
 * 401 names where to get a token ({@link dev.gatehouse.identity.BearerChallenge}, {@link
 * dev.gatehouse.identity.ProtectedResourceMetadata}), so that MCP clients can log in unaided.
 */
package dev.gatehouse.identity;
