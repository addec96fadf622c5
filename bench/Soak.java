import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The soak load generator behind {@code bench/soak} (JDK only, run as a single-file program).
 *
 * <pre>
 *   java bench/Soak.java traffic URL CA_PEM TOKEN SECONDS RATE PID
 *   java bench/Soak.java gc RECORDING.jfr
 * </pre>
 *
 * <p>{@code traffic} sends a fixed mix of requests at a fixed rate (open loop: a request is started
 * on schedule whether or not earlier ones have finished, and its latency counts from when it was
 * due), checks every answer against the status its kind must get, and samples the server's RSS.
 * {@code gc} summarises the GC pauses of a JFR recording. Both print a report; {@code traffic}
 * exits 1 when any answer was unexpected.
 */
public class Soak {

  /** One kind of request in the mix, with its share and the status it must get. */
  record Kind(String name, int weight, int expect, String method, String path, String body,
      boolean authorized) {}

  static final List<Kind> MIX =
      List.of(
          new Kind("models", 30, 200, "GET", "/gw/demo/v1/models", null, true),
          new Kind("chat", 25, 200, "POST", "/gw/demo/v1/chat/completions",
              "{\"model\":\"demo-react-1\",\"messages\":[{\"role\":\"user\",\"content\":"
                  + "\"Hello, my mail is jane@example.com\"}]}", true),
          new Kind("chat-stream", 10, 200, "POST", "/gw/demo/v1/chat/completions",
              "{\"model\":\"demo-react-1\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                  + "\"content\":\"Hello\"}]}", true),
          new Kind("tool", 15, 200, "POST", "/gw/demo/v1/tools/calculator",
              "{\"input\":\"6*7\"}", true),
          new Kind("no-token", 5, 401, "GET", "/gw/demo/v1/models", null, false),
          new Kind("unknown-connection", 5, 404, "GET", "/gw/no-such-agent/v1/models", null,
              true),
          new Kind("traversal", 5, 400, "GET", "/gw/demo/v1/%2e%2e/%2e%2e/admin", null, true),
          new Kind("bad-json", 5, 400, "POST", "/gw/demo/v1/chat/completions",
              "{\"model\":" + "[".repeat(2000) + "]".repeat(2000) + "}", true));

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("gc")) {
      gcReport(Path.of(args[1]));
      return;
    }
    if (args.length != 7 || !args[0].equals("traffic")) {
      System.err.println("usage: Soak traffic URL CA_PEM TOKEN SECONDS RATE PID | Soak gc FILE.jfr");
      System.exit(2);
    }
    int exit =
        traffic(args[1], Path.of(args[2]), args[3], Integer.parseInt(args[4]),
            Integer.parseInt(args[5]), Long.parseLong(args[6]));
    System.exit(exit);
  }

  // --- traffic -----------------------------------------------------------------------------------

  static final class Tally {
    final AtomicLong due = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong unexpected = new AtomicLong();
    final ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
    final Map<String, AtomicLong> surprises = new ConcurrentHashMap<>();
  }

  static int traffic(String url, Path caPem, String token, int seconds, int rate, long pid)
      throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(trusting(caPem))
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    List<Kind> wheel = new ArrayList<>();
    for (Kind k : MIX) {
      for (int i = 0; i < k.weight(); i++) {
        wheel.add(k);
      }
    }
    Collections.shuffle(wheel, new java.util.Random(42));
    Map<String, Tally> tallies = new LinkedHashMap<>();
    MIX.forEach(k -> tallies.put(k.name(), new Tally()));
    // Caps requests in flight, so an overloaded server shows as late answers, not as a client
    // that runs out of memory; a request that cannot start on time counts as unexpected.
    Semaphore inFlight = new Semaphore(Math.max(64, rate * 2));
    AtomicLong late = new AtomicLong();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    var workers = Executors.newCachedThreadPool();
    long periodNanos = 1_000_000_000L / rate;
    long total = (long) seconds * rate;
    AtomicLong tick = new AtomicLong();
    long startNanos = System.nanoTime();
    List<String> rss = new ArrayList<>();
    rss.add(rssLine(pid, 0));
    long[] nextSample = {30};
    System.out.printf("soak: %d s at %d req/s against %s (server pid %d)%n", seconds, rate, url,
        pid);
    var schedule =
        ticker.scheduleAtFixedRate(
            () -> {
              long n = tick.getAndIncrement();
              if (n >= total) {
                return;
              }
              long due = startNanos + n * periodNanos;
              Kind kind = wheel.get((int) (n % wheel.size()));
              Tally tally = tallies.get(kind.name());
              tally.due.incrementAndGet();
              if (!inFlight.tryAcquire()) {
                late.incrementAndGet();
                tally.unexpected.incrementAndGet();
                tally.surprises.computeIfAbsent("not started: too many in flight",
                    s -> new AtomicLong()).incrementAndGet();
                return;
              }
              workers.execute(
                  () -> {
                    try {
                      send(client, url, token, kind, tally, due);
                    } finally {
                      inFlight.release();
                    }
                  });
            },
            0,
            periodNanos,
            TimeUnit.NANOSECONDS);
    while (tick.get() < total) {
      Thread.sleep(1000);
      long elapsed = (System.nanoTime() - startNanos) / 1_000_000_000L;
      if (elapsed >= nextSample[0]) {
        rss.add(rssLine(pid, elapsed));
        nextSample[0] += 30;
      }
    }
    schedule.cancel(false);
    ticker.shutdown();
    workers.shutdown();
    workers.awaitTermination(60, TimeUnit.SECONDS);
    rss.add(rssLine(pid, (System.nanoTime() - startNanos) / 1_000_000_000L));

    long unexpected = 0;
    long due = 0;
    System.out.printf("%n%-20s %8s %8s %10s %9s %9s %9s%n", "kind", "due", "sent", "unexpected",
        "p50 ms", "p99 ms", "max ms");
    for (Map.Entry<String, Tally> e : tallies.entrySet()) {
      Tally t = e.getValue();
      List<Long> sorted = new ArrayList<>(t.micros);
      Collections.sort(sorted);
      System.out.printf("%-20s %8d %8d %10d %9.1f %9.1f %9.1f%n", e.getKey(), t.due.get(),
          t.sent.get(), t.unexpected.get(), pct(sorted, 50) / 1000.0, pct(sorted, 99) / 1000.0,
          pct(sorted, 100) / 1000.0);
      t.surprises.forEach((what, n) -> System.out.printf("    %6d x %s%n", n.get(), what));
      unexpected += t.unexpected.get();
      due += t.due.get();
    }
    System.out.printf("%ntotal due %d, unexpected %d (%.3f%%)%n", due, unexpected,
        due == 0 ? 0.0 : 100.0 * unexpected / due);
    System.out.println("server RSS (MiB) over time:");
    rss.forEach(line -> System.out.println("  " + line));
    return unexpected == 0 ? 0 : 1;
  }

  static void send(HttpClient client, String url, String token, Kind kind, Tally tally, long due) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + kind.path())).timeout(Duration.ofSeconds(30));
    if (kind.authorized()) {
      b.header("Authorization", "Bearer " + token);
    }
    if (kind.body() != null) {
      b.header("Content-Type", "application/json")
          .method(kind.method(), HttpRequest.BodyPublishers.ofString(kind.body()));
    } else {
      b.method(kind.method(), HttpRequest.BodyPublishers.noBody());
    }
    tally.sent.incrementAndGet();
    String surprise = null;
    try {
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != kind.expect()) {
        var reason =
            java.util.regex.Pattern.compile("\"reason\":\"([a-z_]+)\"")
                .matcher(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        surprise = "status " + r.statusCode() + (reason.find() ? " " + reason.group(1) : "");
      } else if (r.statusCode() >= 400
          && !r.headers().firstValue("content-type").orElse("").startsWith(
              "application/problem+json")) {
        surprise = "refusal without a problem document";
      }
    } catch (IOException e) {
      surprise = e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      surprise = "interrupted";
    }
    tally.micros.add((System.nanoTime() - due) / 1000);
    if (surprise != null) {
      tally.unexpected.incrementAndGet();
      tally.surprises.computeIfAbsent(surprise, s -> new AtomicLong()).incrementAndGet();
    }
  }

  static long pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  static String rssLine(long pid, long second) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format("t=%4ds  %6d", second, kib / 1024);
        }
      }
    } catch (IOException e) {
      return String.format("t=%4ds  unreadable (%s)", second, e.getMessage());
    }
    return String.format("t=%4ds  unknown", second);
  }

  static SSLContext trusting(Path pem) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int i = 0;
    for (var c :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)))) {
      store.setCertificateEntry("c" + i++, c);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  // --- gc ----------------------------------------------------------------------------------------

  static void gcReport(Path recording) throws IOException {
    List<Long> pauses = new ArrayList<>();
    Map<String, Integer> byName = new HashMap<>();
    List<long[]> heapAfter = new ArrayList<>(); // {epochMillis, bytes}
    Instant first = null;
    Instant last = null;
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      Instant t = e.getStartTime();
      first = first == null || t.isBefore(first) ? t : first;
      last = last == null || t.isAfter(last) ? t : last;
      switch (e.getEventType().getName()) {
        case "jdk.GarbageCollection" -> {
          pauses.add(e.getDuration("sumOfPauses").toNanos() / 1000);
          byName.merge(e.getString("name"), 1, Integer::sum);
        }
        case "jdk.GCHeapSummary" -> {
          if ("After GC".equals(e.getString("when"))) {
            heapAfter.add(new long[] {t.toEpochMilli(), e.getLong("heapUsed")});
          }
        }
        default -> {}
      }
    }
    Collections.sort(pauses);
    long totalMicros = pauses.stream().mapToLong(Long::longValue).sum();
    double spanSeconds =
        first == null ? 0 : Duration.between(first, last).toMillis() / 1000.0;
    System.out.printf("GC (JFR, %.0f s recorded): %d collections %s%n", spanSeconds,
        pauses.size(), byName);
    System.out.printf(
        "  pause p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; total %.0f ms (%.2f%% of"
            + " the time)%n",
        pct(pauses, 50) / 1000.0, pct(pauses, 90) / 1000.0, pct(pauses, 99) / 1000.0,
        pct(pauses, 100) / 1000.0, totalMicros / 1000.0,
        spanSeconds == 0 ? 0.0 : totalMicros / 10_000.0 / spanSeconds);
    if (heapAfter.size() >= 4) {
      heapAfter.sort((a, b) -> Long.compare(a[0], b[0]));
      int quarter = heapAfter.size() / 4;
      System.out.printf(
          "  heap used after GC: first quarter avg %d MiB, last quarter avg %d MiB%n",
          avg(heapAfter.subList(0, quarter)) >> 20,
          avg(heapAfter.subList(heapAfter.size() - quarter, heapAfter.size())) >> 20);
    }
  }

  static long avg(List<long[]> samples) {
    return (long) samples.stream().mapToLong(s -> s[1]).average().orElse(0);
  }
}
