package dev.gatehouse.demo.agent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** A DemoAgent on an ephemeral port plus an HTTP client that trusts its certificate. */
final class AgentFixture implements AutoCloseable {

  static final String CREDENTIAL = "demo-credential-7f3a9c";
  static final String KEYSTORE_PASSWORD = "keystore-pass-1";

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();

  final Path directory;
  final Path keystore;
  final DemoAgent agent;
  final SSLContext clientTls;
  final HttpClient client;

  private AgentFixture(Path directory, Path keystore, DemoAgent agent, SSLContext clientTls) {
    this.directory = directory;
    this.keystore = keystore;
    this.agent = agent;
    this.clientTls = clientTls;
    this.client = newClient(null);
  }

  /** Writes keystore and secret files into {@code directory} and starts an agent. */
  static AgentFixture start(Path directory, String... extraArgs) throws Exception {
    Path keystore = TestTls.createKeystore(directory, KEYSTORE_PASSWORD);
    Path passwordFile = directory.resolve("pw.txt");
    Path credentialFile = directory.resolve("credential.txt");
    // Surrounding whitespace checks that the agent trims both secrets.
    Files.writeString(passwordFile, "  " + KEYSTORE_PASSWORD + "\n");
    Files.writeString(credentialFile, CREDENTIAL + "\n");
    List<String> args =
        new ArrayList<>(
            List.of(
                "--port",
                "0",
                "--bind",
                "127.0.0.1",
                "--keystore",
                keystore.toString(),
                "--keystore-password-file",
                passwordFile.toString(),
                "--credential-file",
                credentialFile.toString()));
    args.addAll(List.of(extraArgs));
    DemoAgent agent = DemoAgent.start(AgentConfig.parse(args.toArray(String[]::new)));
    return new AgentFixture(
        directory, keystore, agent, TestTls.trustingOnly(keystore, KEYSTORE_PASSWORD));
  }

  /** A client that trusts the agent; {@code protocols} restricts TLS versions when not null. */
  HttpClient newClient(String[] protocols) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .sslContext(clientTls);
    if (protocols != null) {
      SSLParameters parameters = clientTls.getDefaultSSLParameters();
      parameters.setProtocols(protocols);
      builder.sslParameters(parameters);
    }
    return builder.build();
  }

  URI uri(String pathAndQuery) {
    return URI.create(agent.baseUrl() + pathAndQuery);
  }

  HttpRequest.Builder anonymous(String pathAndQuery) {
    return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20));
  }

  HttpRequest.Builder authorized(String pathAndQuery) {
    return anonymous(pathAndQuery).header("Authorization", "Bearer " + CREDENTIAL);
  }

  HttpResponse<String> send(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return send(authorized(pathAndQuery).GET().build());
  }

  HttpResponse<String> postJson(String path, String json) throws Exception {
    return send(
        authorized(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(HttpResponse<String> response) {
    return (Map<String, Object>) json(response.body());
  }

  /** Parsed JSON as the tests compare it: every integer a {@code Long}. */
  static Object json(String text) {
    return JSON.readValue(text, Object.class);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return (List<Object>) value;
  }

  /** Follows a path of object keys and list indexes through parsed JSON. */
  static Object at(Object json, Object... path) {
    Object current = json;
    for (Object step : path) {
      current =
          step instanceof Integer index ? list(current).get(index) : object(current).get(step);
    }
    return current;
  }

  @Override
  public void close() {
    agent.close();
  }
}
