package dev.gatehouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BoundedResponseStreamTest {

  @Test
  void passesABodyWithinTheLimit() throws IOException {
    InputStream in = new BoundedResponseStream(new ByteArrayInputStream(new byte[10]), 10);
    assertThat(in.readAllBytes()).hasSize(10);
  }

  @Test
  void cutsABodyOverTheLimit() {
    InputStream in = new BoundedResponseStream(new ByteArrayInputStream(new byte[11]), 10);
    assertThatThrownBy(in::readAllBytes)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("response_too_large");
  }
}
