package dev.gatehouse.approval;

import dev.gatehouse.connection.UpstreamTarget;
import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.proxy.ForwardedHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What a release is matched on: the request's connection, method and path as sent, and SHA-256
 * digests of its raw query, its body and its end-to-end headers — those that reach the backend from
 * the caller, in {@link ForwardedHeaders#canonicalTowardsBackend canonical form} (so not {@code
 * Authorization}, {@code Gatehouse-*}, hop-by-hop headers, nor those the gateway sets itself).
 */
public record RequestFacts(
    String connection,
    String method,
    String path,
    String querySha256,
    String bodySha256,
    long bodyBytes,
    String headersSha256) {

  /** The facts of the exchange's request to {@code target}, with its body read. */
  public static RequestFacts of(ProxyExchange exchange, UpstreamTarget target, byte[] body) {
    String query = exchange.rawQuery() == null ? "" : exchange.rawQuery();
    return new RequestFacts(
        exchange.connectionName(),
        exchange.method(),
        exchange.path(),
        sha256(query.getBytes(StandardCharsets.UTF_8)),
        sha256(body),
        body.length,
        headersSha256(exchange.headers(), target.credentialHeaderName()));
  }

  /** The digest of the headers' canonical form towards the backend. */
  static String headersSha256(Map<String, List<String>> headers, String credentialHeaderName) {
    return sha256(
        ForwardedHeaders.canonicalTowardsBackend(headers, credentialHeaderName)
            .getBytes(StandardCharsets.UTF_8));
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
