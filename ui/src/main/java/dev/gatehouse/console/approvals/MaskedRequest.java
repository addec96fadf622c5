package dev.gatehouse.console.approvals;

import dev.gatehouse.approval.HeldRequest;
import dev.gatehouse.exchange.TranscriptMasker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A held request as a reviewer sees it: the query, every header value and the body go through the
 * transcript masker before they reach a page, so a reviewer reads what will be sent without the
 * secrets and personal data in it. The body is pretty-printed when it is JSON.
 */
public record MaskedRequest(
    String method, String path, String query, Map<String, String> headers, String body) {

  public static MaskedRequest of(HeldRequest held, TranscriptMasker masker) {
    Map<String, String> headers =
        held.headers().entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey,
                    e -> masker.mask(String.join(", ", e.getValue())),
                    (x, y) -> x,
                    TreeMap::new));
    return new MaskedRequest(
        held.method(),
        held.path(),
        held.query() == null ? null : masker.mask(held.query()),
        headers,
        masker.mask(JsonText.pretty(new String(held.body(), StandardCharsets.UTF_8))));
  }

  /** The masked headers as {@code name: value} lines. */
  public List<String> headerLines() {
    return headers.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
  }
}
