import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How long after the demo agent sent a server-sent event the client has it: the agent stamps each
 * event with its {@code System.nanoTime()}, which on Linux is the machine-wide monotonic clock, so
 * this process can subtract it from its own. Run by bench/run as a single-file program:
 *
 * <pre>
 * java bench/SseLatency.java URL header-file trusted-cert.pem STREAMS
 * </pre>
 *
 * <p>Prints {@code first_p50_us first_p99_us all_p50_us all_p99_us events}: the delay of each
 * stream's first event and of every event, in microseconds.
 */
public class SseLatency {

  private static final Pattern SENT = Pattern.compile("\"sentAtNanos\":(\\d+)");

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    // The header ("Authorization: Bearer …") comes in a file, never on the command line.
    String[] header = Files.readString(Path.of(args[1])).strip().split(": ", 2);
    int streams = Integer.parseInt(args[3]);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(trusting(Path.of(args[2])))
            .build();
    List<Long> first = new ArrayList<>();
    List<Long> all = new ArrayList<>();
    for (int s = 0; s < streams; s++) {
      HttpRequest request = HttpRequest.newBuilder(uri).header(header[0], header[1]).build();
      HttpResponse<Stream<String>> response =
          client.send(request, HttpResponse.BodyHandlers.ofLines());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(uri + " answered " + response.statusCode());
      }
      boolean firstOfStream = true;
      for (String line : (Iterable<String>) response.body()::iterator) {
        long now = System.nanoTime();
        Matcher m = SENT.matcher(line);
        if (m.find()) {
          long micros = (now - Long.parseLong(m.group(1))) / 1000;
          all.add(micros);
          if (firstOfStream) {
            first.add(micros);
            firstOfStream = false;
          }
        }
      }
    }
    System.out.printf(
        "%d %d %d %d %d%n",
        percentile(first, 50),
        percentile(first, 99),
        percentile(all, 50),
        percentile(all, 99),
        all.size());
  }

  private static long percentile(List<Long> values, int p) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static SSLContext trusting(Path pem) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int i = 0;
    for (var cert :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)))) {
      store.setCertificateEntry("c" + i++, cert);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
