package dev.gatehouse.demo.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

  private static final String[] REQUIRED = {
    "--keystore", "server.p12", "--keystore-password-file", "pw.txt", "--credential-file", "c.txt"
  };

  @Test
  void appliesDefaultsForOptionalSettings() {
    AgentConfig config = AgentConfig.parse(REQUIRED);

    assertThat(config.port()).isEqualTo(9443);
    assertThat(config.bind()).isEqualTo("127.0.0.1");
    assertThat(config.testEndpoints()).isFalse();
    assertThat(config.streamDelayMillis()).isEqualTo(40);
    assertThat(config.credentialFile()).isEqualTo(Path.of("c.txt"));
  }

  @Test
  void parsesEveryOption() {
    AgentConfig config =
        AgentConfig.parse(
            "--port",
            "0",
            "--bind",
            "0.0.0.0",
            "--keystore",
            "k.p12",
            "--keystore-password-file",
            "p",
            "--credential-file",
            "c",
            "--test-endpoints",
            "--stream-delay-ms",
            "5");

    assertThat(config)
        .isEqualTo(
            new AgentConfig(0, "0.0.0.0", Path.of("k.p12"), Path.of("p"), Path.of("c"), true, 5));
  }

  @Test
  void rejectsUnknownOption() {
    assertThatThrownBy(() -> AgentConfig.parse("--keystore", "k", "--verbose", "yes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--verbose");
  }

  @Test
  void rejectsMissingSecretFiles() {
    assertThatThrownBy(() -> AgentConfig.parse("--keystore", "k"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("required");
  }

  @Test
  void rejectsOutOfRangePort() {
    assertThatThrownBy(() -> AgentConfig.parse("--port", "70000"))
        .hasMessageContaining("--port must be between");
  }
}
