package dev.gatehouse.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostGuardTest {

  private final HostGuard open = new HostGuard(List.of("*"), false, false);

  @Test
  void allowsAnHttpsLoopbackBackend() {
    assertThat(open.refusal("https://localhost:9443/base", true)).isEmpty();
    assertThat(open.refusal("https://127.0.0.1:9443", true)).isEmpty();
  }

  @Test
  void refusesCloudMetadataAddressesAndNames() {
    assertThat(open.refusal("https://169.254.169.254/latest/meta-data", false)).isPresent();
    assertThat(open.refusal("https://[fd00:ec2::254]/", false)).isPresent();
    assertThat(open.refusal("https://metadata.google.internal/", false)).isPresent();
    assertThat(open.refusal("https://METADATA.google.internal./", false)).isPresent();
    assertThat(open.refusal("https://[::ffff:169.254.169.254]/", false)).isPresent();
  }

  @Test
  void refusesLinkLocalAndTheUnspecifiedAddress() {
    assertThat(open.refusal("https://169.254.10.20/", false)).isPresent();
    assertThat(open.refusal("https://[fe80::1]/", false)).isPresent();
    assertThat(open.refusal("https://0.0.0.0:8443/", false)).isPresent();
  }

  @Test
  void allowsMetadataOnlyWhenExplicitlyConfigured() {
    HostGuard permissive = new HostGuard(List.of("*"), true, false);
    assertThat(permissive.refusal("https://169.254.169.254/", false)).isEmpty();
  }

  @Test
  void enforcesTheHostAllowList() {
    HostGuard guard = new HostGuard(List.of("*.agents.internal", "localhost"), false, false);
    assertThat(guard.refusal("https://localhost:1/", false)).isEmpty();
    assertThat(guard.refusal("https://chat.agents.internal/", false)).isEmpty();
    assertThat(guard.refusal("https://evil.example/", false))
        .hasValueSatisfying(m -> assertThat(m).contains("allowed-hosts"));
    assertThat(guard.refusal("https://agents.internal.evil.example/", false)).isPresent();
  }

  @Test
  void refusesPlainHttpUnlessLoopbackWithTheDevFlag() {
    HostGuard dev = new HostGuard(List.of("*"), false, true);
    assertThat(open.refusal("http://localhost:8080/", true)).isPresent();
    assertThat(dev.refusal("http://127.0.0.1:8080/", true)).isEmpty();
    assertThat(dev.refusal("http://192.0.2.10:8080/", true)).isPresent();
  }

  @Test
  void refusesOtherSchemesAndUserInfo() {
    assertThat(open.refusal("ftp://localhost/", false)).isPresent();
    assertThat(open.refusal("file:///etc/passwd", false)).isPresent();
    assertThat(open.refusal("https://user:pw@localhost/", false)).isPresent();
    assertThat(open.refusal("not a url", false)).isPresent();
  }
}
