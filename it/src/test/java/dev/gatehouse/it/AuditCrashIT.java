package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The durability promise under a crash: the server is killed with {@code kill -9} while a load
 * generator is sending, then started again. Afterwards every request the backend received has an
 * audit record, every 2xx answer the load generator received has a completed record, and records of
 * requests cut off by the crash show {@code INTERRUPTED} — never {@code STARTED}, never missing.
 * The backend is served from this JVM, so it knows exactly which requests were forwarded.
 */
@ExtendWith(ArquillianExtension.class)
class AuditCrashIT {

  private static final int THREADS = 6;

  private final TestDomain domain = TestDomain.get();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  @Test
  void everyForwardedRequestAndEvery2xxAnswerHasItsRecordAfterKillMinus9() throws Exception {
    new TestAsadmin(domain).awaitApplication(); // a loaded machine may still be starting it
    Set<String> forwarded = ConcurrentHashMap.newKeySet();
    HttpsServer backend = backend(forwarded);
    String connection = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    try {
      String ca = Files.readString(domain.home().resolve("demo-agent/ca.pem"));
      HttpResponse<String> created =
          AdminApi.admin(domain)
              .post(
                  "/api/v1/connections",
                  "{\"name\":\""
                      + connection
                      + "\",\"baseUrl\":\"https://localhost:"
                      + backend.getAddress().getPort()
                      + "\",\"credentialKind\":\"NONE\",\"trustedCaPem\":"
                      + AdminApi.str(ca)
                      + ",\"allowedGroups\":[\"demo-users\"]}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      long seqBefore = headSeq();

      Map<String, String> answered = new ConcurrentHashMap<>(); // marker -> audit id of a 2xx
      AtomicBoolean running = new AtomicBoolean(true);
      String token = domain.token("crash-load", "demo-users");
      ExecutorService load = Executors.newFixedThreadPool(THREADS);
      for (int t = 0; t < THREADS; t++) {
        load.execute(
            () -> {
              while (running.get()) {
                String marker = UUID.randomUUID().toString();
                try {
                  HttpResponse<String> r =
                      domain
                          .client()
                          .send(
                              domain
                                  .request("/gw/" + connection + "/m/" + marker)
                                  .timeout(Duration.ofSeconds(10))
                                  .header("Authorization", "Bearer " + token)
                                  .build(),
                              HttpResponse.BodyHandlers.ofString());
                  if (r.statusCode() / 100 == 2) {
                    answered.put(marker, r.headers().firstValue("gatehouse-audit-id").orElse("?"));
                  }
                } catch (IOException e) {
                  // the server went away mid-request: no answer, so no promise to check
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
      }
      Thread.sleep(6000);
      assertThat(answered).as("the load generator got answers before the crash").isNotEmpty();

      new TestAsadmin(domain).killAndStart();
      running.set(false);
      load.shutdown();
      assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

      Map<String, Map<String, Object>> records = exportedByMarker(seqBefore + 1);
      Map<String, Integer> decisions = new HashMap<>();
      records
          .values()
          .forEach(r -> decisions.merge((String) gatehouse(r).get("decision"), 1, Integer::sum));
      System.out.printf(
          "AuditCrashIT: %d forwarded, %d answered 2xx, records by decision %s%n",
          forwarded.size(), answered.size(), decisions);

      assertThat(records.keySet())
          .as("every forwarded request has a record")
          .containsAll(forwarded);
      assertThat(records.keySet())
          .as("every 2xx answer has a record")
          .containsAll(answered.keySet());
      answered.forEach(
          (marker, auditId) -> {
            Map<String, Object> r = records.get(marker);
            assertThat(((Map<?, ?>) r.get("metadata")).get("uid")).isEqualTo(auditId);
            assertThat(gatehouse(r).get("decision")).as(marker).isEqualTo("ALLOWED");
            assertThat(((Map<?, ?>) r.get("http_response")).get("code")).isEqualTo(200L);
          });
      assertThat(decisions.keySet()).as("no record is left STARTED").doesNotContain("STARTED");
      assertThat(decisions.keySet()).isSubsetOf("ALLOWED", "INTERRUPTED", "ERROR");
      assertThat(verify()).as("the chain still verifies").contains("\"ok\":true");
    } finally {
      backend.stop(0);
    }
  }

  /** Chained records from {@code fromSeq} on, by the marker in their path. */
  private Map<String, Map<String, Object>> exportedByMarker(long fromSeq) throws Exception {
    Map<String, Map<String, Object>> byMarker = new HashMap<>();
    for (String line : auditor("/api/v1/audit/export?fromSeq=" + fromSeq).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      Map<String, Object> event = JSONObjectUtils.parse(line);
      Object request = event.get("http_request");
      if (request instanceof Map<?, ?> m && m.get("url") instanceof Map<?, ?> url) {
        String path = String.valueOf(url.get("path"));
        if (path.startsWith("/m/")) {
          byMarker.put(path.substring(3), event);
        }
      }
    }
    return byMarker;
  }

  /** The chain's head: the last sequence number verification reaches. */
  private long headSeq() throws Exception {
    return Json.number(verify(), "to");
  }

  private String verify() throws Exception {
    return auditor("/api/v1/audit/verify");
  }

  private String auditor(String path) throws Exception {
    HttpResponse<String> r =
        domain
            .client()
            .send(
                domain
                    .request(path)
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + domain.token("carol", "gatehouse-auditor"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> gatehouse(Map<String, Object> event) {
    return (Map<String, Object>) ((Map<String, Object>) event.get("unmapped")).get("gatehouse");
  }

  /** A backend that notes the marker of every request it receives, then answers 200. */
  private HttpsServer backend(Set<String> forwarded) throws Exception {
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setHttpsConfigurator(new HttpsConfigurator(TestBackends.serverContext(domain)));
    server.setExecutor(Executors.newFixedThreadPool(THREADS));
    server.createContext(
        "/m/",
        exchange -> {
          forwarded.add(exchange.getRequestURI().getPath().substring(3));
          byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }
}
