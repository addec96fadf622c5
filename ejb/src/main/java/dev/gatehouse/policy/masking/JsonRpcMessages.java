package dev.gatehouse.policy.masking;

import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** Which streamed events are JSON-RPC messages after which no continuation is to be waited for. */
final class JsonRpcMessages {

  private JsonRpcMessages() {}

  /**
   * Whether an event's JSON payload is a JSON-RPC 2.0 request or response: an object with {@code
   * "jsonrpc"} and a top-level {@code id} (a notification has none).
   */
  static boolean expectsNoContinuation(String payload) {
    if (!payload.contains("\"jsonrpc\"")) {
      return false;
    }
    try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(payload))) {
      return reader.readValue() instanceof JsonObject message
          && message.containsKey("jsonrpc")
          && message.containsKey("id")
          && message.get("id") != JsonValue.NULL;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
