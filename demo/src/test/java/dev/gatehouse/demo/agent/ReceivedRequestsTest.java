package dev.gatehouse.demo.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceivedRequestsTest {

  private static ReceivedRequest request(int number) {
    return new ReceivedRequest(
        Instant.EPOCH,
        "GET",
        "/r/" + number,
        null,
        Map.of(),
        AuthorizationOutcome.MATCHES_CREDENTIAL,
        0);
  }

  @Test
  void keepsOnlyTheNewestRequestsNewestLast() {
    ReceivedRequests ring = new ReceivedRequests();
    for (int i = 1; i <= ReceivedRequests.CAPACITY + 7; i++) {
      ring.record(request(i));
    }

    assertThat(ring.snapshot()).hasSize(ReceivedRequests.CAPACITY);
    assertThat(ring.snapshot().get(0).rawPath()).isEqualTo("/r/8");
    assertThat(ring.snapshot().get(ReceivedRequests.CAPACITY - 1).rawPath())
        .isEqualTo("/r/" + (ReceivedRequests.CAPACITY + 7));
  }

  @Test
  void clearEmptiesTheRing() {
    ReceivedRequests ring = new ReceivedRequests();
    ring.record(request(1));

    ring.clear();

    assertThat(ring.snapshot()).isEmpty();
  }
}
