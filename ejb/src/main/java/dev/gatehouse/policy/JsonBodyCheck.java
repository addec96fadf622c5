package dev.gatehouse.policy;

import dev.gatehouse.platform.Jsonp;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A request body that declares itself JSON must be JSON: valid UTF-8 (RFC 8259 §8.1), well-formed,
 * and nested no deeper than a bound. Otherwise the deny rules would judge a different text than the
 * backend reads — a decoder that drops an invalid byte, or a parser that gives up on depth and
 * falls back to raw text, are both ways around a rule — so such a body is refused, not forwarded.
 *
 * <p>Checked with a streaming parser and a depth counter: linear time, constant stack, whatever the
 * nesting.
 */
public final class JsonBodyCheck {

  private JsonBodyCheck() {}

  /** True for {@code application/json}, {@code text/json} and any {@code +json} type. */
  public static boolean declaresJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type =
        (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
            .strip()
            .toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.equals("text/json") || type.endsWith("+json");
  }

  /** Why the body is not acceptable JSON, or empty when it is (an empty body is acceptable). */
  public static Optional<String> problem(byte[] body, int maxDepth) {
    if (body == null || body.length == 0) {
      return Optional.empty();
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      return Optional.of("The JSON body is not valid UTF-8.");
    }
    if (text.isBlank()) {
      return Optional.empty();
    }
    int depth = 0;
    try (JsonParser parser = Jsonp.PROVIDER.createParser(new StringReader(text))) {
      while (parser.hasNext()) {
        switch (parser.next()) {
          case START_ARRAY, START_OBJECT -> {
            if (++depth > maxDepth) {
              return Optional.of("The JSON body is nested deeper than " + maxDepth + " levels.");
            }
          }
          case END_ARRAY, END_OBJECT -> depth--;
          default -> {
            // scalars and keys
          }
        }
      }
    } catch (RuntimeException e) {
      // JsonParsingException, or the parser's own depth guard (a bare RuntimeException)
      return Optional.of("The JSON body is not well-formed.");
    }
    return Optional.empty();
  }
}
