package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit sinks against real receivers started here: a syslog-over-TLS receiver (RFC 5425 octet
 * counting) and an HTTPS collector. Both receive every chained record, admin events included; both
 * get everything after an outage; and after a restart of the server, delivery resumes from the
 * persisted cursor — nothing is sent again from the start, nothing is skipped. Checkpoints of the
 * chain's head (every 5 records here) reach both, each naming the hash the trail has at its place,
 * under the domain's chain key.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditSinkIT {

  private static final String SINK_TOKEN = "Bearer it-sink-token";
  private static final Pattern SYSLOG_CHECKPOINT =
      Pattern.compile(
          "<(\\d+)>1 (\\S+) (\\S+) gatehouse - checkpoint"
              + " \\[gatehouse@32473 seq=\"(\\d+)\" hash=\"([0-9a-f]{64})\"\\] (\\{.*\\})",
          Pattern.DOTALL);
  private static final Pattern SYSLOG =
      Pattern.compile(
          "<(\\d+)>1 (\\S+) (\\S+) gatehouse - (request|admin)"
              + " \\[gatehouse@32473 seq=\"(\\d+)\" id=\"([^\"]+)\"\\] (\\{.*\\})",
          Pattern.DOTALL);

  private static TestSyslogReceiver syslog;
  private static TestHttpsReceiver https;
  private static final Map<String, String> PROPERTIES = new LinkedHashMap<>();

  private final TestDomain domain = TestDomain.get();
  private final String callerToken = domain.token("sam", "demo-users");
  private final String auditorToken = domain.token("carol", "gatehouse-auditor");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() throws Exception {
    TestDomain domain = TestDomain.get();
    SSLContext tls = TestBackends.serverContext(domain);
    syslog = new TestSyslogReceiver(tls);
    syslog.start();
    https = new TestHttpsReceiver(tls, SINK_TOKEN);
    https.start();
    String ca = domain.home().resolve("demo-agent/ca.pem").toString();
    PROPERTIES.put("gatehouse.audit.syslog.address", "localhost:" + syslog.port());
    PROPERTIES.put("gatehouse.audit.syslog.ca-file", ca);
    PROPERTIES.put("gatehouse.audit.syslog.batch-size", "7");
    PROPERTIES.put("gatehouse.audit.https.url", "https://localhost:" + https.port() + "/ingest");
    PROPERTIES.put("gatehouse.audit.https.ca-file", ca);
    PROPERTIES.put("gatehouse.audit.https.auth-header", SINK_TOKEN);
    PROPERTIES.put("gatehouse.audit.https.batch-size", "5");
    PROPERTIES.put("gatehouse.audit.sink.poll-ms", "250");
    PROPERTIES.put("gatehouse.audit.sink.retry-initial-ms", "200");
    PROPERTIES.put("gatehouse.audit.sink.retry-max-ms", "1000");
    PROPERTIES.put("gatehouse.audit.checkpoint.records", "5");
    return GatewayDeployment.ear(PROPERTIES);
  }

  @AfterAll
  static void stopReceivers() throws Exception {
    syslog.stop();
    https.stop();
  }

  @Test
  @Order(1)
  void bothSinksReceiveEveryChainedRecordAdminEventsIncluded() throws Exception {
    new TestAsadmin(domain).awaitApplication(); // a loaded machine may still be starting it
    List<String> ids = traffic(6, "first");
    String policy = "sink-it-" + System.nanoTime();
    HttpResponse<String> created =
        domain
            .client()
            .send(
                domain
                    .request("/api/v1/policies")
                    .header("Authorization", "Bearer " + domain.token("ada", "gatehouse-admin"))
                    .header("Content-Type", "application/json")
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\""
                                + policy
                                + "\",\"target\":\"PATH_GLOB\",\"pattern\":\"/never/**\","
                                + "\"action\":\"BLOCK\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);

    awaitAdminEventChained(policy);
    long head = awaitCaughtUp();

    Set<Long> viaSyslog = syslogSeqs();
    Set<Long> viaHttps = httpsSeqs();
    assertThat(viaSyslog).containsAll(range(1, head));
    assertThat(viaHttps).containsAll(range(1, head));
    // retention is off here: the status carries the field, and nothing is held back
    assertThat(sinks())
        .allSatisfy(sink -> assertThat(sink.get("retentionHeldBack")).isEqualTo(false));
    assertThat(https.contentTypes()).allMatch(t -> t.startsWith("application/jsonl"));
    assertThat(https.lines()).anyMatch(l -> ids.stream().anyMatch(l::contains));

    String adminLine =
        https.lines().stream().filter(l -> l.contains(policy)).findFirst().orElseThrow();
    Map<String, Object> event = JSONObjectUtils.parse(adminLine);
    assertThat(event.get("class_uid")).isEqualTo(6003L);
    assertThat(event.get("activity_name")).isEqualTo("Create");
    Map<String, Object> own = gatehouse(event);
    assertThat(own.get("decision")).isEqualTo("ADMIN");
    assertThat(((Map<?, ?>) own.get("admin")).get("target_kind")).isEqualTo("policy");
    assertThat(own.get("hash")).asString().hasSize(64);

    Matcher m =
        SYSLOG.matcher(
            syslog.messages().stream().filter(s -> s.contains(policy)).findFirst().orElseThrow());
    assertThat(m.matches()).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isEqualTo(13 * 8 + 5);
    assertThat(m.group(4)).isEqualTo("admin");
    assertThat(JSONObjectUtils.parse(m.group(7)).get("class_uid")).isEqualTo(6003L);
  }

  @Test
  @Order(2)
  void sinksThatAreDownReceiveEverythingWhenTheyAreBack() throws Exception {
    syslog.stop();
    https.stop();
    traffic(12, "outage");
    awaitTrue(
        () -> sinks().stream().allMatch(s -> s.get("lastError") != null && lag(s) > 0),
        "both sinks report the outage with a lag");

    syslog.start();
    https.start();
    long head = awaitCaughtUp();

    assertThat(syslogSeqs()).containsAll(range(1, head));
    assertThat(httpsSeqs()).containsAll(range(1, head));
    assertThat(sinks()).allMatch(s -> s.get("lastError") == null);
  }

  @Test
  @Order(3)
  void deliveryResumesFromThePersistedCursorAfterARestart() throws Exception {
    long cursor = awaitCaughtUp();
    syslog.stop();
    https.stop();
    syslog.messages().clear();
    https.lines().clear();
    traffic(8, "restart");
    long before = head();
    assertThat(before).isGreaterThan(cursor);

    new TestAsadmin(domain).restart();
    syslog.start();
    https.start();
    long head = awaitCaughtUp();

    assertThat(syslogSeqs()).containsAll(range(cursor + 1, head)).allMatch(seq -> seq > cursor);
    assertThat(httpsSeqs()).containsAll(range(cursor + 1, head)).allMatch(seq -> seq > cursor);
  }

  @Test
  @Order(4)
  void checkpointsOfTheChainHeadReachBothSinks() throws Exception {
    long from = awaitCaughtUp();
    traffic(11, "checkpoint");
    awaitTrue(
        () -> checkpointLines().stream().anyMatch(cp -> seqOf(cp) > from),
        "a checkpoint after seq " + from + " reached the HTTPS sink");
    awaitTrue(
        () ->
            syslog.messages().stream()
                .anyMatch(m -> m.contains(" checkpoint [") && syslogCheckpointSeq(m) > from),
        "a checkpoint after seq " + from + " reached the syslog sink");

    for (Map<String, Object> cp : checkpointLines()) {
      long seq = seqOf(cp);
      Map<String, Object> record =
          JSONObjectUtils.parse(
              get("/api/v1/audit/export?fromSeq=" + seq + "&toSeq=" + seq).strip());
      assertThat(cp.get("record_hash")).isEqualTo(gatehouse(record).get("hash"));
      assertThat(cp.get("key_id")).isEqualTo(domain.chainKeyId());
      assertThat(gatehouse(record).get("chain_key_id")).isEqualTo(domain.chainKeyId());
      assertThat(cp.get("format")).isEqualTo("gatehouse-audit-v2-hmac");
      assertThat(cp.get("version")).isEqualTo(1L);
      assertThat(cp.get("instance")).asString().isNotBlank();
      assertThat(cp.get("time")).asString().endsWith("Z");
    }
    String message =
        syslog.messages().stream()
            .filter(m -> m.contains(" checkpoint [") && syslogCheckpointSeq(m) > from)
            .findFirst()
            .orElseThrow();
    Matcher m = SYSLOG_CHECKPOINT.matcher(message);
    assertThat(m.matches()).as(message).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isEqualTo(13 * 8 + 5);
    assertThat(JSONObjectUtils.parse(m.group(6)).get("record_hash")).isEqualTo(m.group(5));
  }

  private List<Map<String, Object>> checkpointLines() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : https.lines()) {
      if (line.contains("\"type\":\"gatehouse.audit.checkpoint\"")) {
        try {
          out.add(JSONObjectUtils.parse(line));
        } catch (java.text.ParseException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return out;
  }

  private static long seqOf(Map<String, Object> checkpoint) {
    return ((Number) checkpoint.get("seq")).longValue();
  }

  private static long syslogCheckpointSeq(String message) {
    Matcher m = SYSLOG_CHECKPOINT.matcher(message);
    return m.matches() ? Long.parseLong(m.group(4)) : -1;
  }

  private List<String> traffic(int count, String tag) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      HttpResponse<String> r =
          domain
              .client()
              .send(
                  domain
                      .request("/gw/demo/v1/models?sink=" + tag + i)
                      .header("Authorization", "Bearer " + callerToken)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      ids.add(r.headers().firstValue("gatehouse-audit-id").orElseThrow());
    }
    for (String id : ids) {
      domain.completedAuditRecord(id);
    }
    return ids;
  }

  private void awaitAdminEventChained(String name) throws Exception {
    awaitTrue(
        () -> {
          try {
            return get("/api/v1/audit?decision=ADMIN&path=" + name).contains(name);
          } catch (Exception e) {
            return false;
          }
        },
        "the admin event is chained");
  }

  /** Waits until both sinks acknowledged the chain's head; returns it. */
  private long awaitCaughtUp() throws Exception {
    awaitTrue(
        () -> {
          List<Map<String, Object>> all = sinks();
          return all.size() == 2 && all.stream().allMatch(s -> lag(s) == 0);
        },
        "both sinks caught up");
    return head();
  }

  private long head() throws Exception {
    return ((Number) sinks().get(0).get("headSeq")).longValue();
  }

  private List<Map<String, Object>> sinks() {
    try {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Object o :
          JSONObjectUtils.getJSONArray(
              JSONObjectUtils.parse("{\"sinks\":" + get("/api/v1/audit/sinks") + "}"), "sinks")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) o;
        out.add(m);
      }
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long lag(Map<String, Object> sink) {
    return ((Number) sink.get("lag")).longValue();
  }

  private String get(String path) throws Exception {
    HttpResponse<String> r =
        domain
            .client()
            .send(
                domain.request(path).header("Authorization", "Bearer " + auditorToken).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  private Set<Long> syslogSeqs() {
    Set<Long> seqs = new TreeSet<>();
    for (String message : syslog.messages()) {
      if (SYSLOG_CHECKPOINT.matcher(message).matches()) {
        continue;
      }
      Matcher m = SYSLOG.matcher(message);
      assertThat(m.matches()).as(message).isTrue();
      seqs.add(Long.parseLong(m.group(5)));
    }
    return seqs;
  }

  private Set<Long> httpsSeqs() throws Exception {
    Set<Long> seqs = new TreeSet<>();
    for (String line : https.lines()) {
      Map<String, Object> event = JSONObjectUtils.parse(line);
      if (event.containsKey("type")) {
        continue; // a checkpoint, not a record
      }
      seqs.add(((Number) ((Map<?, ?>) event.get("metadata")).get("sequence")).longValue());
    }
    return seqs;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> gatehouse(Map<String, Object> event) {
    return (Map<String, Object>) ((Map<String, Object>) event.get("unmapped")).get("gatehouse");
  }

  /** The sequence numbers from..to that the trail still holds (retention may purge the oldest). */
  private static List<Long> range(long from, long to) {
    List<Long> all = new ArrayList<>();
    for (long s = from; s <= to; s++) {
      all.add(s);
    }
    return all;
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(200);
    }
  }
}
