package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database goes away under load and comes back: while it is gone the gateway answers 503 {@code
 * audit_unavailable} and forwards nothing (every request the backend saw has its audit record), and
 * once it is back the gateway serves again by itself, with the hash chain intact.
 *
 * <p>PostgreSQL only: the outage is made for this run's database alone (new connections refused,
 * its sessions terminated) — never by stopping the cluster other runs share. The H2 run skips it:
 * H2 is embedded in the server's JVM and cannot be taken away from outside.
 */
@ExtendWith(ArquillianExtension.class)
class DatabaseOutageIT {

  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  private static final int CALLERS = 6;

  private static ScriptedBackend backend;
  private static String connection;

  private final TestDomain domain = TestDomain.get();
  private final String token = domain.token("olga", "demo-users");

  /** What one load request got back. */
  private record Outcome(long atMillis, int status, String reason) {}

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  @BeforeAll
  static void startBackend() throws Exception {
    if (!onPostgres()) {
      return;
    }
    TestDomain domain = TestDomain.get();
    backend = ScriptedBackend.start(domain);
    connection = "outage-" + RUN;
    TestConnections.register(domain, connection, backend.url(), "");
  }

  @AfterAll
  static void stopBackend() throws Exception {
    if (backend != null) {
      backend.close();
    }
    if (onPostgres()) {
      allowConnections(true);
    }
  }

  private static boolean onPostgres() {
    return "postgresql".equals(System.getProperty("gatehouse.it.database"));
  }

  @Test
  void refusesWhileTheDatabaseIsGoneForwardsNothingUnauditedAndRecoversByItself() throws Exception {
    assumeTrue(onPostgres(), "PostgreSQL run only");
    backend.clear();
    List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    AtomicBoolean running = new AtomicBoolean(true);
    long start = System.currentTimeMillis();
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    for (int i = 0; i < CALLERS; i++) {
      int caller = i;
      callers.execute(
          () -> {
            int n = 0;
            while (running.get()) {
              outcomes.add(call("/load/" + caller + "/" + n++, start));
            }
          });
    }
    try {
      Thread.sleep(1_500);
      long cut = System.currentTimeMillis() - start;
      allowConnections(false);
      assertThat(waitFor(outcomes, cut, 503, Duration.ofSeconds(30)))
          .as("a 503 once the database is gone")
          .isTrue();
      Thread.sleep(2_000);
      long restored = System.currentTimeMillis() - start;
      allowConnections(true);
      assertThat(waitFor(outcomes, restored, 200, Duration.ofSeconds(60)))
          .as("served again once the database is back")
          .isTrue();
      Thread.sleep(1_000);
    } finally {
      running.set(false);
      callers.shutdown();
      callers.awaitTermination(30, TimeUnit.SECONDS);
      allowConnections(true);
    }

    Map<String, Integer> seen = new TreeMap<>();
    for (Outcome o : outcomes) {
      seen.merge(o.status() + " " + o.reason(), 1, Integer::sum);
    }
    assertThat(seen.keySet())
        .as("every answer during the outage: %s", seen)
        .containsAnyOf("503 audit_unavailable")
        .allMatch(
            k ->
                k.equals("200 null")
                    || k.equals("503 audit_unavailable")
                    || k.equals("503 store_unavailable"));

    // Nothing reached the backend without its record: every id it saw resolves to a record.
    List<String> forwarded = backend.requestIds();
    assertThat(forwarded).isNotEmpty();
    String auditor = domain.token("audit-reader", "gatehouse-auditor");
    List<String> missing = new ArrayList<>();
    for (String id : forwarded) {
      HttpResponse<String> record =
          domain
              .client()
              .send(
                  domain
                      .request("/api/v1/audit/" + id)
                      .header("Authorization", "Bearer " + auditor)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (record.statusCode() != 200) {
        missing.add(id + " " + record.statusCode());
      }
    }
    assertThat(missing).as("forwarded requests without an audit record").isEmpty();

    HttpResponse<String> verify =
        domain
            .client()
            .send(
                domain
                    .request("/api/v1/audit/verify")
                    .header("Authorization", "Bearer " + auditor)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
    assertThat(verify.body()).contains("\"ok\":true");
  }

  private Outcome call(String path, long start) {
    try {
      HttpResponse<String> response =
          domain
              .client()
              .send(
                  domain
                      .request("/gw/" + connection + path)
                      .timeout(Duration.ofSeconds(20))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      String reason = response.statusCode() == 200 ? null : Json.field(response.body(), "reason");
      return new Outcome(System.currentTimeMillis() - start, response.statusCode(), reason);
    } catch (Exception e) {
      return new Outcome(System.currentTimeMillis() - start, -1, e.getClass().getSimpleName());
    }
  }

  private static boolean waitFor(
      List<Outcome> outcomes, long sinceMillis, int status, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Outcome o : outcomes) {
        if (o.atMillis() > sinceMillis && o.status() == status) {
          return true;
        }
      }
      Thread.sleep(100);
    }
    return false;
  }

  /**
   * Takes this run's database away (new connections refused, its sessions terminated) or gives it
   * back, through psql as the PostgreSQL superuser the test harness uses.
   */
  private static void allowConnections(boolean allow) throws Exception {
    String database = TestPostgres.database();
    List<String> sql = new ArrayList<>();
    sql.add("ALTER DATABASE " + database + " ALLOW_CONNECTIONS " + allow);
    if (!allow) {
      sql.add(
          "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '"
              + database
              + "'");
    }
    List<String> arguments =
        new ArrayList<>(List.of("-q", "-X", "-v", "ON_ERROR_STOP=1", "-d", "postgres"));
    for (String statement : sql) {
      arguments.add("-c");
      arguments.add(statement);
    }
    TestPostgres.run("psql", arguments, Duration.ofSeconds(30));
  }
}
