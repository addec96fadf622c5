package dev.gatehouse.approval;

import dev.gatehouse.exchange.ProxyExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a release is matched on: the request's connection, method and path as sent, and SHA-256
 * digests of its raw query and body.
 */
public record RequestFacts(
    String connection,
    String method,
    String path,
    String querySha256,
    String bodySha256,
    long bodyBytes) {

  public static RequestFacts of(ProxyExchange exchange, byte[] body) {
    String query = exchange.rawQuery() == null ? "" : exchange.rawQuery();
    return new RequestFacts(
        exchange.connectionName(),
        exchange.method(),
        exchange.path(),
        sha256(query.getBytes(StandardCharsets.UTF_8)),
        sha256(body),
        body.length);
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
