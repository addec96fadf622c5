package dev.gatehouse.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  private static String canonical(String json) {
    try (var reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
      JsonValue value = reader.readValue();
      return CanonicalJson.of(value);
    }
  }

  @Test
  void oneTextWhateverTheSpelling() {
    assertThat(canonical("{ \"b\" : 1.0, \"a\" : [ \"\\u0078\", true, null ] }"))
        .isEqualTo("{\"a\":[\"x\",true,null],\"b\":1}");
    assertThat(canonical("{\"n\":1E2,\"m\":-0.50,\"z\":0.0}"))
        .isEqualTo("{\"m\":-0.5,\"n\":100,\"z\":0}");
    assertThat(canonical("\"line\\nbreak \\\" quote \\u0001\""))
        .isEqualTo("\"line\\nbreak \\\" quote \\u0001\"");
  }

  @Test
  void differentValuesHaveDifferentDigests() {
    try (var a = Jsonp.PROVIDER.createReader(new StringReader("{\"path\":\"/tmp\"}"));
        var b = Jsonp.PROVIDER.createReader(new StringReader("{\"path\":\"/\"}"))) {
      assertThat(CanonicalJson.sha256(a.readValue()))
          .isNotEqualTo(CanonicalJson.sha256(b.readValue()));
    }
  }
}
