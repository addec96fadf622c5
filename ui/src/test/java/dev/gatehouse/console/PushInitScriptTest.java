package dev.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class PushInitScriptTest {

  private static final String BEHAVIOUR =
      "{changed:[function(event){mojarra.ab(this,event,'changed',0,'inbox decision')}]}";

  private static boolean nonced(String element) {
    Matcher m = PushInitScript.ELEMENT.matcher(element);
    return m.find()
        && PushInitScript.expected(m.group(1), m.group(2), "/console", "localhost", 18181);
  }

  private static String init(String id, String url, String rest) {
    return "<script id=\""
        + id
        + "\">faces.push.init('"
        + id
        + "','"
        + url
        + "',"
        + rest
        + ");</script>";
  }

  @Test
  void recognisesTheInitialiserAsMojarra4WritesIt() {
    // As captured from the console's inbox page (ConsoleIT).
    String captured =
        "<script id=\"live:j_idt27\">faces.push.init('live:j_idt27','wss://localhost:18181/console/"
            + "jakarta.faces.push/approvals?fadc8270-10ab-4391-9ba8-959e0b6ae1ff','approvals',null,"
            + "null,null,null,{changed:[function(event){mojarra.ab('live:j_idt27',event,'changed',0,"
            + "'inbox decision')}]},true);</script>";
    assertThat(nonced(captured)).isTrue();
    assertThat(nonced(captured.replace("wss://localhost:18181", "wss://evil.example:18181")))
        .as("a push endpoint on another host")
        .isFalse();
    assertThat(nonced(captured.replace("wss://localhost:18181", "wss://localhost:9443")))
        .as("on another port")
        .isFalse();
    assertThat(nonced(captured.replace("wss://", "ws://"))).as("in the clear").isFalse();
  }

  @Test
  void recognisesTheInitialiserMojarraWrites() {
    String url = "/console/jakarta.faces.push/approvals?a1b2-c3";
    assertThat(
            nonced(
                init("live:j_idt5", url, "'approvals',null,null,null,null," + BEHAVIOUR + ",true")))
        .isTrue();
    assertThat(nonced(init("live:j_idt5", url, "'','','',{},true"))).isTrue();
  }

  @Test
  void refusesScriptsInTheInitialisersShape() {
    String url = "/console/jakarta.faces.push/approvals?x";
    assertThat(nonced("<script>alert(1)</script>")).isFalse();
    assertThat(nonced(init("x", url, "1);alert(document.cookie"))).isFalse();
    assertThat(
            nonced(init("x", url, "'',{changed:[function(event){alert(document.cookie)}]},true")))
        .as("a call in the behaviour")
        .isFalse();
    assertThat(nonced(init("x", url, "'',{},alert`1`"))).as("a tagged template").isFalse();
    assertThat(nonced(init("x", url, "'',{},new Image"))).as("another identifier").isFalse();
    assertThat(nonced(init("x", url, "'',{},location='//evil.example'")))
        .as("an operator")
        .isFalse();
    assertThat(nonced(init("x", "https://evil.example/jakarta.faces.push/a", "'',{},true")))
        .as("another push endpoint")
        .isFalse();
    assertThat(
            nonced(
                "<script id=\"other\">faces.push.init('live:j_idt5','/console/jakarta.faces.push/a',"
                    + "'',{},true);</script>"))
        .as("an id that is not the script's own")
        .isFalse();
  }
}
