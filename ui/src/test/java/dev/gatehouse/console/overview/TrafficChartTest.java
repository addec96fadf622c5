package dev.gatehouse.console.overview;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrafficChartTest {

  @Test
  void drawsOneBarPerBucketScaledToTheLargest() {
    String svg = TrafficChart.svg(new long[] {0, 5, 10}, "Requests <per> \"5 min\"", 5);

    assertThat(svg).startsWith("<svg").endsWith("</svg>");
    assertThat(svg.split("<rect ", -1)).hasSize(4);
    assertThat(svg).contains("height=\"140.0\"").contains("height=\"70.0\"");
    assertThat(svg).contains("aria-label=\"Requests &lt;per> &quot;5 min&quot;\"");
    assertThat(svg).doesNotContain("<script").doesNotContain("style=");
  }
}
