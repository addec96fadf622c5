package dev.gatehouse.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small OpenID Connect provider for the console's login test, run in the test JVM: discovery, an
 * authorization endpoint with a sign-in form (the user picks a name; the provider knows each name's
 * groups), the authorization-code exchange with client authentication, signed ID tokens, userinfo
 * and JWKS — what the Jakarta Security OpenID Connect mechanism talks to, and no more.
 *
 * <p>It checks what a real provider checks (client id and secret, the registered redirect URI, one
 * use per code) and can be told to misbehave the way an attacker would need it to: sign the next ID
 * token with a key it does not publish.
 */
final class TestOidcProvider implements AutoCloseable {

  private final HttpServer server;
  private final String issuer;
  private final String clientId;
  private final String clientSecret;
  private final String redirectUri;
  private final Map<String, List<String>> groupsOf;
  private final RSAKey key;
  private final RSAKey rogueKey;
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final AtomicBoolean signNextWithRogueKey = new AtomicBoolean();
  private final AtomicInteger tokensIssued = new AtomicInteger();

  private record Grant(String user, String nonce, String redirectUri) {}

  TestOidcProvider(
      String clientId, String clientSecret, String redirectUri, Map<String, List<String>> groupsOf)
      throws IOException, JOSEException {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.redirectUri = redirectUri;
    this.groupsOf = Map.copyOf(groupsOf);
    this.key = new RSAKeyGenerator(2048).keyID("test-op-" + UUID.randomUUID()).generate();
    this.rogueKey = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    this.issuer = "http://localhost:" + server.getAddress().getPort() + "/op";
    server.createContext("/op/.well-known/openid-configuration", this::discovery);
    server.createContext("/op/authorize", this::authorize);
    server.createContext("/op/token", this::token);
    server.createContext("/op/userinfo", this::userinfo);
    server.createContext("/op/jwks", this::jwks);
    server.start();
  }

  String issuer() {
    return issuer;
  }

  /** The next ID token is signed with a key under the published {@code kid} but not published. */
  void signNextTokenWithAnUnpublishedKey() {
    signNextWithRogueKey.set(true);
  }

  int tokensIssued() {
    return tokensIssued.get();
  }

  private void discovery(HttpExchange exchange) throws IOException {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("issuer", issuer);
    metadata.put("authorization_endpoint", issuer + "/authorize");
    metadata.put("token_endpoint", issuer + "/token");
    metadata.put("userinfo_endpoint", issuer + "/userinfo");
    metadata.put("end_session_endpoint", issuer + "/logout");
    metadata.put("jwks_uri", issuer + "/jwks");
    metadata.put("scopes_supported", List.of("openid", "email", "profile"));
    metadata.put("response_types_supported", List.of("code"));
    metadata.put("response_modes_supported", List.of("query"));
    metadata.put("grant_types_supported", List.of("authorization_code"));
    metadata.put("subject_types_supported", List.of("public"));
    metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
    metadata.put(
        "token_endpoint_auth_methods_supported",
        List.of("client_secret_basic", "client_secret_post"));
    metadata.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "nonce", "groups"));
    json(exchange, 200, com.nimbusds.jose.util.JSONObjectUtils.toJSONString(metadata));
  }

  /** GET shows the sign-in form; POST (the form) signs the named user in and redirects back. */
  private void authorize(HttpExchange exchange) throws IOException {
    Map<String, String> params = form(exchange.getRequestURI().getRawQuery());
    if ("POST".equals(exchange.getRequestMethod())) {
      params.putAll(form(new String(exchange.getRequestBody().readAllBytes(), UTF8)));
    }
    if (!clientId.equals(params.get("client_id"))
        || !redirectUri.equals(params.get("redirect_uri"))
        || !"code".equals(params.get("response_type"))
        || !String.valueOf(params.get("scope")).contains("openid")) {
      html(exchange, 400, "<p id='error'>invalid authorization request</p>");
      return;
    }
    if ("GET".equals(exchange.getRequestMethod())) {
      StringBuilder hidden = new StringBuilder();
      params.forEach(
          (name, value) ->
              hidden
                  .append("<input type='hidden' name='")
                  .append(name)
                  .append("' value='")
                  .append(value.replace("'", "&#39;"))
                  .append("'>"));
      html(
          exchange,
          200,
          "<h1>Test identity provider</h1><form method='post' action='/op/authorize'>"
              + hidden
              + "<label for='username'>User</label><input id='username' name='username'>"
              + "<button id='signin' type='submit'>Sign in</button></form>");
      return;
    }
    String user = params.get("username");
    if (!groupsOf.containsKey(user)) {
      html(exchange, 401, "<p id='error'>unknown user</p>");
      return;
    }
    String code = UUID.randomUUID().toString();
    codes.put(code, new Grant(user, params.get("nonce"), params.get("redirect_uri")));
    String location =
        params.get("redirect_uri")
            + "?code="
            + code
            + (params.containsKey("state") ? "&state=" + encode(params.get("state")) : "");
    exchange.getResponseHeaders().add("Location", location);
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> params = form(new String(exchange.getRequestBody().readAllBytes(), UTF8));
    String id = params.get("client_id");
    String secret = params.get("client_secret");
    String basic = exchange.getRequestHeaders().getFirst("Authorization");
    if (basic != null && basic.startsWith("Basic ")) {
      String[] pair =
          new String(Base64.getDecoder().decode(basic.substring(6)), UTF8).split(":", 2);
      id = URLDecoder.decode(pair[0], UTF8);
      secret = pair.length > 1 ? URLDecoder.decode(pair[1], UTF8) : null;
    }
    Grant grant = codes.remove(String.valueOf(params.get("code")));
    if (!clientId.equals(id) || !clientSecret.equals(secret)) {
      json(exchange, 401, "{\"error\":\"invalid_client\"}");
      return;
    }
    if (grant == null
        || !"authorization_code".equals(params.get("grant_type"))
        || !grant.redirectUri().equals(params.get("redirect_uri"))) {
      json(exchange, 400, "{\"error\":\"invalid_grant\"}");
      return;
    }
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(grant.user())
            .audience(clientId)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)))
            .claim("groups", groupsOf.get(grant.user()));
    if (grant.nonce() != null) {
      claims.claim("nonce", grant.nonce());
    }
    RSAKey signer = signNextWithRogueKey.getAndSet(false) ? rogueKey : key;
    try {
      SignedJWT idToken =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
              claims.build());
      idToken.sign(new RSASSASigner(signer));
      tokensIssued.incrementAndGet();
      json(
          exchange,
          200,
          "{\"access_token\":\"at-"
              + grant.user()
              + "-"
              + UUID.randomUUID()
              + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"id_token\":\""
              + idToken.serialize()
              + "\"}");
    } catch (JOSEException e) {
      json(exchange, 500, "{\"error\":\"server_error\"}");
    }
  }

  private void userinfo(HttpExchange exchange) throws IOException {
    String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
    String user = auth.startsWith("Bearer at-") ? auth.substring(10).split("-", 2)[0] : null;
    if (user == null || !groupsOf.containsKey(user)) {
      json(exchange, 401, "{\"error\":\"invalid_token\"}");
      return;
    }
    json(
        exchange,
        200,
        com.nimbusds.jose.util.JSONObjectUtils.toJSONString(
            Map.of("sub", user, "groups", groupsOf.get(user))));
  }

  private void jwks(HttpExchange exchange) throws IOException {
    json(exchange, 200, new JWKSet(key.toPublicJWK()).toString(true));
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static Map<String, String> form(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(URLDecoder.decode(kv[0], UTF8), kv.length > 1 ? URLDecoder.decode(kv[1], UTF8) : "");
    }
    return out;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, UTF8);
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    send(exchange, status, "application/json", body);
  }

  private static void html(HttpExchange exchange, int status, String body) throws IOException {
    send(exchange, status, "text/html; charset=utf-8", "<!doctype html><html><body>" + body);
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(UTF8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.getResponseHeaders().add("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The URI the console's mechanism is configured with. */
  URI providerUri() {
    return URI.create(issuer);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
