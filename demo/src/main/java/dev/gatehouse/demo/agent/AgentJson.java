package dev.gatehouse.demo.agent;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's JSON, read and written with Jackson (which the bundled MCP SDK brings). JSON maps
 * onto plain values: objects are {@code LinkedHashMap}s in their members' order, arrays {@code
 * List}s, integers {@code Integer}, {@code Long} or {@code BigInteger} by size (none is refused for
 * being large), fractions {@code Double}.
 *
 * <p>Reading is strict because the bodies come from the network: exactly one value, no duplicate
 * keys, no comments or trailing commas, nesting bounded. Writing is compact and so one line, which
 * each server-sent event relies on; as UTF-8 bytes, a lone surrogate is written as a {@code
 * \\uXXXX} escape rather than a replacement character.
 */
final class AgentJson {

  static final int MAX_NESTING_DEPTH = 256;

  static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .build();

  private AgentJson() {}

  /**
   * Parses one complete JSON value; surrounding whitespace is allowed, anything else is not.
   *
   * @throws JacksonException if {@code text} is not exactly one valid JSON value
   */
  static Object read(String text) {
    return MAPPER.readValue(text, Object.class);
  }

  /** {@code value} as compact JSON in UTF-8. */
  static byte[] write(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }
}
