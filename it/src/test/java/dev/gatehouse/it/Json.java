package dev.gatehouse.it;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a top-level or nested string field from a small JSON document, enough for assertions. */
final class Json {

  private Json() {}

  static String field(String json, String name) {
    Matcher m =
        Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
            .matcher(json);
    return m.find() ? m.group(1) : null;
  }

  static Long number(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(-?\\d+)").matcher(json);
    return m.find() ? Long.valueOf(m.group(1)) : null;
  }

  /** The text of the object that a field opens, for example {@code "inboundTls":{…}}. */
  static String object(String json, String name) {
    int start = json.indexOf("\"" + name + "\":{");
    if (start < 0) {
      return null;
    }
    int open = json.indexOf('{', start);
    return json.substring(open, json.indexOf('}', open) + 1);
  }
}
