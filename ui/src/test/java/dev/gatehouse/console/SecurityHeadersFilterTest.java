package dev.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {

  private static Pattern pushInit() throws Exception {
    Field f = SecurityHeadersFilter.class.getDeclaredField("PUSH_INIT");
    f.setAccessible(true);
    return (Pattern) f.get(null);
  }

  @Test
  void recognisesTheWebsocketInitialiserMojarraWrites() throws Exception {
    String plain =
        "<script id=\"live:j_idt5\">faces.push.init('live:j_idt5','/console/jakarta.faces.push/"
            + "approvals?abc','','','',{},true);</script>";

    assertThat(pushInit().matcher(plain).find()).isTrue();
    assertThat(pushInit().matcher("<script>alert(1)</script>").find()).isFalse();
    assertThat(
            pushInit()
                .matcher(
                    "<script id=\"x\">faces.push.init('a','b',1);alert(document.cookie);</script>")
                .find())
        .isFalse();
  }
}
