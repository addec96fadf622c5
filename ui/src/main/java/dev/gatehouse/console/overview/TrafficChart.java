package dev.gatehouse.console.overview;

/**
 * A bar chart of requests per time bucket as SVG markup, drawn on the server: no script, no
 * external library, and the CSP needs no exception. Bars carry a {@code <title>} for their count.
 */
public final class TrafficChart {

  private static final int WIDTH = 720;
  private static final int HEIGHT = 160;
  private static final int AXIS = 20;

  private TrafficChart() {}

  /**
   * @param counts requests per bucket, oldest first
   * @param label the chart's accessible name
   * @param bucketMinutes minutes per bucket, for the titles
   */
  public static String svg(long[] counts, String label, int bucketMinutes) {
    long max = 1;
    for (long c : counts) {
      max = Math.max(max, c);
    }
    int n = Math.max(1, counts.length);
    double slot = (double) WIDTH / n;
    StringBuilder svg =
        new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\"")
            .append(" viewBox=\"0 0 ")
            .append(WIDTH)
            .append(' ')
            .append(HEIGHT + AXIS)
            .append("\" aria-label=\"")
            .append(escape(label))
            .append("\">");
    svg.append("<line x1=\"0\" y1=\"")
        .append(HEIGHT)
        .append("\" x2=\"")
        .append(WIDTH)
        .append("\" y2=\"")
        .append(HEIGHT)
        .append("\" class=\"axis\"/>");
    for (int i = 0; i < counts.length; i++) {
      double h = counts[i] == 0 ? 0 : Math.max(2, (double) counts[i] / max * (HEIGHT - 20));
      int minutesAgo = (counts.length - i) * bucketMinutes;
      svg.append(
              String.format(
                  java.util.Locale.ROOT,
                  "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">",
                  i * slot + 2,
                  HEIGHT - h,
                  slot - 4,
                  h))
          .append("<title>")
          .append(counts[i])
          .append(" (−")
          .append(minutesAgo)
          .append(" min)</title></rect>");
      if (counts[i] > 0) {
        svg.append(
            String.format(
                java.util.Locale.ROOT,
                "<text class=\"count\" x=\"%.1f\" y=\"%.1f\">%d</text>",
                i * slot + slot / 2,
                HEIGHT - h - 3,
                counts[i]));
      }
      svg.append(
          String.format(
              java.util.Locale.ROOT,
              "<text class=\"tick\" x=\"%.1f\" y=\"%d\">−%d′</text>",
              i * slot + slot / 2,
              HEIGHT + 15,
              minutesAgo));
    }
    return svg.append("</svg>").toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
  }
}
