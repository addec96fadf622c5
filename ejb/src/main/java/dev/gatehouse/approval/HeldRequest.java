package dev.gatehouse.approval;

import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request a reviewer decides on, as it is sealed into an {@link Approval}: method, path, query,
 * end-to-end headers and body. The caller's credentials ({@code Authorization}, cookies) and the
 * gateway's own control headers are never kept.
 */
public record HeldRequest(
    String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

  private static final Set<String> NOT_KEPT =
      Set.of(
          "authorization",
          "proxy-authorization",
          "cookie",
          "host",
          "content-length",
          "connection",
          "keep-alive",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "expect",
          "http2-settings");

  public HeldRequest {
    Map<String, List<String>> kept = new LinkedHashMap<>();
    headers.forEach(
        (name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (!lower.startsWith(":")
              && !lower.startsWith("gatehouse-")
              && !NOT_KEPT.contains(lower)) {
            kept.put(lower, List.copyOf(values));
          }
        });
    headers = Map.copyOf(kept);
  }

  public String toJson() {
    JsonObjectBuilder h = Jsonp.PROVIDER.createObjectBuilder();
    headers.forEach(
        (name, values) -> {
          JsonArrayBuilder a = Jsonp.PROVIDER.createArrayBuilder();
          values.forEach(a::add);
          h.add(name, a);
        });
    JsonObjectBuilder o =
        Jsonp.PROVIDER
            .createObjectBuilder()
            .add("method", method)
            .add("path", path)
            .add("headers", h)
            .add("body", Base64.getEncoder().encodeToString(body));
    if (query != null) {
      o.add("query", query);
    }
    return o.build().toString();
  }

  public static HeldRequest fromJson(String json) {
    try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
      JsonObject o = reader.readObject();
      Map<String, List<String>> headers = new LinkedHashMap<>();
      o.getJsonObject("headers")
          .forEach(
              (name, values) -> {
                List<String> list = new ArrayList<>();
                values
                    .asJsonArray()
                    .getValuesAs(JsonString.class)
                    .forEach(v -> list.add(v.getString()));
                headers.put(name, list);
              });
      return new HeldRequest(
          o.getString("method"),
          o.getString("path"),
          o.getString("query", null),
          headers,
          Base64.getDecoder().decode(o.getString("body")));
    }
  }
}
