package dev.gatehouse.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The streaming readers find what the tree readers ({@link TreeReaders}) found, on random bodies:
 * the same canonical text for every JSON value however it is spelled (member order, escapes, number
 * forms, white space), the same tool calls, offered and listed tools with the same fingerprints,
 * and the same refusals with the same reasons.
 */
class StreamReadersEquivalenceTest {

  private static final int ROUNDS = 1500;

  private final Random random = new Random(20261208L);

  // ---- canonical form ----

  @Test
  void canonicalTextFromEventsIsTheTreesWhateverTheSpelling() {
    for (int round = 0; round < ROUNDS * 2; round++) {
      String text = value(4);
      JsonValue tree = TreeReaders.single(text);
      try (JsonStream stream = new JsonStream(text)) {
        assertThat(stream.canonical(stream.first())).as(text).isEqualTo(CanonicalJson.of(tree));
      }
    }
  }

  @Test
  void numbersTakeTheirShortestExactFormWithoutABigDecimalWhereTheTextShowsIt() {
    for (int round = 0; round < ROUNDS * 4; round++) {
      String text = number();
      assertThat(CanonicalJson.number(text))
          .as(text)
          .isEqualTo(CanonicalJson.of(TreeReaders.single(text)));
    }
    for (String n :
        List.of(
            "-0",
            "-0.0",
            "0.000001",
            "0.0000001",
            "-0.00000010",
            "123456789012345678901",
            "1234567890123456789012",
            "1000000000000000000000",
            "10000000000000000000000.0",
            "1.10",
            "1e2",
            "1E-7",
            "12.5000",
            "-12.0")) {
      assertThat(CanonicalJson.number(n)).as(n).isEqualTo(CanonicalJson.of(TreeReaders.single(n)));
    }
  }

  @Test
  void aDefinitionWrittenByHandIsTheCanonicalFormOfItsIdentity() {
    for (int round = 0; round < ROUNDS; round++) {
      String name = string();
      String description = random.nextBoolean() ? null : string();
      String schemaText = random.nextBoolean() ? null : value(3);
      JsonValue schema = schemaText == null ? null : TreeReaders.single(schemaText);
      var identity =
          Jsonp.PROVIDER
              .createObjectBuilder()
              .add("name", Jsonp.PROVIDER.createValue(unquote(name)))
              .add(
                  "description",
                  description == null
                      ? JsonValue.NULL
                      : Jsonp.PROVIDER.createValue(unquote(description)))
              .add("schema", schema == null ? JsonValue.NULL : schema)
              .build();
      ToolDefinition definition =
          ToolDefinition.of(
              unquote(name), description == null ? null : unquote(description), schema, null);
      assertThat(definition.definition()).isEqualTo(CanonicalJson.of(identity));
    }
  }

  @Test
  void anObjectThatNamesAMemberTwiceHasNoCanonicalForm() {
    for (String text :
        List.of(
            "{\"b\":1,\"a\":2,\"b\":3}",
            "{\"a\":{\"x\":1,\"x\":1}}",
            "[{\"k\":1,\"\\u006b\":2}]")) {
      try (JsonStream stream = new JsonStream(text)) {
        assertThatThrownBy(() -> stream.canonical(stream.first()))
            .isInstanceOf(DuplicateMember.class);
      }
    }
  }

  // ---- MCP requests ----

  @Test
  void mcpRequestsReadAsTheTreeReadThem() {
    int calls = 0;
    for (int round = 0; round < ROUNDS; round++) {
      boolean batch = random.nextInt(5) == 0;
      String body;
      if (batch) {
        List<String> messages = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          messages.add(random.nextInt(10) == 0 ? value(1) : mcpMessage());
        }
        body = "[" + String.join(",", messages) + "]";
      } else {
        body = mcpMessage();
      }
      String version = random.nextBoolean() ? "2025-03-26" : "2025-06-18";
      String[] headers = mcpHeaders(body);
      Object outcome =
          assertSameOutcome(
              body,
              () -> TreeReaders.mcpRequest(body, version, headers[0], headers[1], "s-1"),
              () -> McpRequestReader.read(body, version, headers[0], headers[1], "s-1"));
      calls += outcome instanceof AgentFacts facts ? facts.toolCalls().size() : 0;
    }
    // Not only refusals: many bodies are read through to their tool calls.
    assertThat(calls).isGreaterThan(ROUNDS / 12);
  }

  @Test
  void brokenMcpBodiesAreParseErrorsWhereverTheBreakIs() {
    for (int round = 0; round < ROUNDS / 3; round++) {
      String body = mcpMessage();
      String broken = breakJson(body);
      assertSameOutcome(
          broken,
          () -> TreeReaders.mcpRequest(broken, null, null, null, null),
          () -> McpRequestReader.read(broken, null, null, null, null));
    }
  }

  // ---- OpenAI requests ----

  @Test
  void openAiRequestsReadAsTheTreeReadThem() {
    int offered = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String body = random.nextInt(8) == 0 ? value(2) : chatRequest();
      String broken = random.nextInt(6) == 0 ? breakJson(body) : body;
      assertSameOutcome(
          broken, () -> TreeReaders.openAiRequest(broken), () -> OpenAiRequestReader.read(broken));
    }
  }

  // ---- answers ----

  @Test
  void toolListsReadAsTheTreeReadThem() {
    int listed = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String answer = toolsListAnswer();
      List<ToolDefinition> tools = McpResponseReader.toolsListed(answer, false);
      assertThat(tools).as(answer).isEqualTo(TreeReaders.toolsListed(answer, false));
      listed += tools.size();
      String stream =
          "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}\n\n"
              + "event: message\r\nid: 2\r\ndata: "
              + answer
              + "\r\n\r\n";
      assertThat(McpResponseReader.toolsListed(stream, true))
          .as(stream)
          .isEqualTo(TreeReaders.toolsListed(stream, true));
    }
    assertThat(listed).isGreaterThan(ROUNDS);
  }

  @Test
  void toolCallsOfAnswersReadAsTheTreeReadThem() {
    int found = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String whole = random.nextBoolean() ? chatAnswer() : responsesAnswer();
      List<ToolCall> calls = OpenAiResponseReader.toolCalls(whole, false);
      assertThat(calls).as(whole).isEqualTo(TreeReaders.toolCalls(whole, false));
      String stream = random.nextBoolean() ? chatStream() : responsesStream();
      List<ToolCall> streamed = OpenAiResponseReader.toolCalls(stream, true);
      assertThat(streamed).as(stream).isEqualTo(TreeReaders.toolCalls(stream, true));
      found += calls.size() + streamed.size();
    }
    assertThat(found).isGreaterThan(ROUNDS);
  }

  @Test
  void usageAndToolResultsReadAsTheTreeReadThem() {
    int found = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String answer = usageMessage();
      AgentAnswer usage = AnswerReader.openAiUsage(answer, false);
      assertThat(usage).as(answer).isEqualTo(TreeReaders.openAiUsage(answer, false));
      String stream = event(usageMessage()) + event(usageMessage()) + "data: [DONE]\n\n";
      assertThat(AnswerReader.openAiUsage(stream, true))
          .as(stream)
          .isEqualTo(TreeReaders.openAiUsage(stream, true));
      found += usage.isEmpty() ? 0 : 1;

      String result = toolResultMessage();
      String id = pick("3", "\"a\"", null, "4");
      assertThat(AnswerReader.mcpToolResult(result, false, id))
          .as(result)
          .isEqualTo(TreeReaders.mcpToolResult(result, false, id));
      String results = event(toolResultMessage()) + event(toolResultMessage());
      assertThat(AnswerReader.mcpToolResult(results, true, id))
          .as(results)
          .isEqualTo(TreeReaders.mcpToolResult(results, true, id));
    }
    assertThat(found).isGreaterThan(ROUNDS / 4);
  }

  private String usageMessage() {
    List<String> counts = new ArrayList<>();
    for (String name :
        List.of("prompt_tokens", "input_tokens", "completion_tokens", "output_tokens")) {
      if (random.nextInt(3) == 0) {
        counts.add(
            "\"" + name + "\":" + pick("12", "0", "5.0", "7e0", "null", "\"3\"", "12345678901"));
      }
    }
    String usage = pick(object(counts), object(counts), "null", "[]");
    List<String> members = new ArrayList<>();
    members.add("\"choices\":" + array(randomValues(2, 2)));
    switch (random.nextInt(4)) {
      case 0 -> members.add("\"usage\":" + usage);
      case 1 ->
          members.add("\"response\":" + object(List.of("\"id\":\"r\"", "\"usage\":" + usage)));
      case 2 -> {
        members.add("\"usage\":" + usage);
        members.add("\"response\":{\"usage\":{\"input_tokens\":99}}");
      }
      default -> members.add("\"type\":\"response.output_text.delta\"");
    }
    return random.nextInt(15) == 0 ? breakJson(object(members)) : object(members);
  }

  private String toolResultMessage() {
    List<String> members = new ArrayList<>();
    members.add("\"jsonrpc\":\"2.0\"");
    if (random.nextInt(6) > 0) {
      members.add("\"id\":" + pick("3", "\"a\"", "4", "null", "\"\\u0061\""));
    }
    members.add(
        pick(
            "\"result\":{\"content\":[],\"isError\":true}",
            "\"result\":{\"isError\":false,\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}",
            "\"result\":{\"content\":[]}",
            "\"result\":{\"isError\":\"true\"}",
            "\"result\":[]",
            "\"error\":{\"code\":-32000,\"message\":\"no\"}",
            "\"method\":\"notifications/progress\",\"params\":{\"result\":1}"));
    return object(members);
  }

  // ---- comparing outcomes ----

  private static Object assertSameOutcome(
      String body, Supplier<AgentFacts> tree, Supplier<AgentFacts> stream) {
    Object expected = outcome(tree);
    Object actual = outcome(stream);
    assertThat(actual).as(body).isEqualTo(expected);
    return actual;
  }

  private static Object outcome(Supplier<AgentFacts> read) {
    try {
      return read.get();
    } catch (AgentRequestRefused e) {
      return e.reason() + " " + e.jsonRpcCode() + " " + e.jsonRpcId() + " " + e.getMessage();
    }
  }

  // ---- bodies ----

  private String mcpMessage() {
    List<String> members = new ArrayList<>();
    int kind = random.nextInt(10);
    members.add(
        "\"jsonrpc\":" + (random.nextInt(15) == 0 ? pick("\"1.0\"", "2", "null") : "\"2.0\""));
    if (kind > 0) {
      members.add("\"id\":" + pick("1", "17", "\"abc\"", "\"a\\u0062c\"", "null", "1.5e1", "{}"));
    }
    if (kind < 8) {
      String method =
          pick(
              "\"tools/call\"",
              "\"tools/call\"",
              "\"tools/list\"",
              "\"resources/read\"",
              "\"prompts/get\"",
              "\"tools\\/call\"",
              "\"\"",
              "3");
      members.add("\"method\":" + method);
      if (random.nextInt(8) > 0) {
        members.add(
            "\"params\":" + (random.nextInt(12) == 0 ? pick("\"x\"", "[]", "null") : params()));
      }
    } else {
      members.add(pick("\"result\":" + value(2), "\"error\":{\"code\":-1}", "\"x\":1"));
    }
    if (random.nextBoolean()) {
      members.add("\"_meta\":" + value(2));
    }
    return object(members);
  }

  private String params() {
    List<String> members = new ArrayList<>();
    if (random.nextInt(10) > 0) {
      members.add("\"name\":" + (random.nextInt(10) == 0 ? "5" : string()));
    }
    if (random.nextBoolean()) {
      members.add("\"uri\":" + pick("\"file:///a\"", "\"mem://x\""));
    }
    int arguments = random.nextInt(10);
    if (arguments < 7) {
      members.add("\"arguments\":" + object(randomMembers(3)));
    } else if (arguments == 7) {
      members.add("\"arguments\":" + pick("[1]", "\"{}\"", "null"));
    }
    if (random.nextBoolean()) {
      members.add("\"_meta\":{\"progressToken\":" + pick("1", "\"t\"") + "}");
    }
    return object(members);
  }

  private String[] mcpHeaders(String body) {
    if (random.nextInt(6) > 0) {
      return new String[] {null, null};
    }
    return new String[] {
      pick("tools/call", "tools/list", "resources/read", null),
      pick("get_weather", "delete_records", "file:///a", null)
    };
  }

  private String chatRequest() {
    List<String> members = new ArrayList<>();
    members.add("\"model\":" + pick("\"gpt-4o\"", "\"m\\u0031\"", "7", "null"));
    members.add("\"messages\":" + array(randomValues(4, 3)));
    if (random.nextInt(6) > 0) {
      List<String> tools = new ArrayList<>();
      int n = random.nextInt(5);
      for (int i = 0; i < n; i++) {
        tools.add(random.nextInt(12) == 0 ? value(1) : tool());
      }
      members.add("\"tools\":" + (random.nextInt(12) == 0 ? "{}" : array(tools)));
    }
    if (random.nextBoolean()) {
      members.add("\"stream\":true");
    }
    return object(members);
  }

  private String tool() {
    List<String> function = definitionMembers("parameters");
    if (random.nextBoolean()) {
      List<String> members = new ArrayList<>();
      members.add("\"type\":\"function\"");
      members.add("\"function\":" + (random.nextInt(10) == 0 ? "\"f\"" : object(function)));
      if (random.nextInt(4) == 0) {
        members.add("\"name\":" + string());
      }
      return object(members);
    }
    function.add("\"type\":\"function\"");
    return object(function);
  }

  private List<String> definitionMembers(String schemaName) {
    List<String> members = new ArrayList<>();
    if (random.nextInt(10) > 0) {
      members.add("\"name\":" + (random.nextInt(10) == 0 ? "1" : string()));
    }
    if (random.nextBoolean()) {
      members.add("\"description\":" + (random.nextInt(10) == 0 ? "null" : string()));
    }
    if (random.nextInt(5) > 0) {
      members.add("\"" + schemaName + "\":" + value(3));
    }
    return members;
  }

  private String toolsListAnswer() {
    List<String> tools = new ArrayList<>();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      List<String> members = definitionMembers("inputSchema");
      if (random.nextBoolean()) {
        members.add(
            "\"annotations\":"
                + pick(
                    "{\"destructiveHint\":true}",
                    "{\"destructiveHint\":false,\"readOnlyHint\":true}",
                    "{\"title\":\"t\"}",
                    "{\"destructiveHint\":\"yes\"}",
                    "[]"));
      }
      tools.add(random.nextInt(15) == 0 ? value(1) : object(members));
    }
    List<String> result = new ArrayList<>();
    result.add("\"tools\":" + array(tools));
    if (random.nextBoolean()) {
      result.add("\"nextCursor\":\"c\"");
    }
    return object(List.of("\"jsonrpc\":\"2.0\"", "\"id\":2", "\"result\":" + object(result)));
  }

  private String chatAnswer() {
    List<String> choices = new ArrayList<>();
    int n = 1 + random.nextInt(2);
    for (int c = 0; c < n; c++) {
      List<String> calls = new ArrayList<>();
      int k = random.nextInt(3);
      for (int i = 0; i < k; i++) {
        calls.add(
            object(
                List.of(
                    "\"id\":\"call_" + i + "\"",
                    "\"type\":\"function\"",
                    "\"function\":" + object(functionMembers(arguments())))));
      }
      String message =
          object(
              List.of(
                  "\"role\":\"assistant\"", "\"content\":null", "\"tool_calls\":" + array(calls)));
      choices.add(object(List.of("\"index\":" + c, "\"message\":" + message)));
    }
    return object(
        List.of(
            "\"id\":\"chatcmpl-1\"",
            "\"choices\":" + array(choices),
            "\"usage\":{\"prompt_tokens\":3}"));
  }

  private String responsesAnswer() {
    List<String> output = new ArrayList<>();
    int n = random.nextInt(3);
    for (int i = 0; i < n; i++) {
      List<String> members = functionMembers(arguments());
      members.add("\"type\":" + pick("\"function_call\"", "\"message\""));
      members.add("\"id\":\"fc_" + i + "\"");
      output.add(object(members));
    }
    return object(List.of("\"id\":\"resp_1\"", "\"output\":" + array(output)));
  }

  private List<String> functionMembers(String arguments) {
    List<String> members = new ArrayList<>();
    members.add("\"name\":" + string());
    members.add("\"arguments\":" + arguments);
    return members;
  }

  /** Arguments as the API sends them: a string holding JSON, sometimes not JSON. */
  private String arguments() {
    String json = random.nextInt(8) == 0 ? "not json" : value(3);
    return Jsonp.PROVIDER.createValue(json).toString();
  }

  private String chatStream() {
    StringBuilder out = new StringBuilder();
    String arguments = unquote(arguments());
    String name = string();
    int index = random.nextInt(2);
    out.append(
        event(
            object(
                List.of(
                    "\"id\":\"c\"",
                    "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]"))));
    int at = 0;
    boolean first = true;
    while (at < arguments.length() || first) {
      int end = Math.min(arguments.length(), at + 1 + random.nextInt(6));
      List<String> function = new ArrayList<>();
      if (first) {
        function.add("\"name\":" + name);
      }
      function.add("\"arguments\":" + Jsonp.PROVIDER.createValue(arguments.substring(at, end)));
      String call = object(List.of("\"index\":" + index, "\"function\":" + object(function)));
      String choice =
          object(
              List.of(
                  "\"index\":0", "\"delta\":" + object(List.of("\"tool_calls\":[" + call + "]"))));
      out.append(event(object(List.of("\"id\":\"c\"", "\"choices\":[" + choice + "]"))));
      at = end;
      first = false;
    }
    return out.append("data: [DONE]\n\n").toString();
  }

  private String responsesStream() {
    StringBuilder out = new StringBuilder();
    String arguments = unquote(arguments());
    String name = string();
    boolean withId = random.nextBoolean();
    String item =
        object(
            withId
                ? List.of("\"type\":\"function_call\"", "\"id\":\"fc_1\"", "\"name\":" + name)
                : List.of("\"type\":\"function_call\"", "\"name\":" + name));
    out.append(
        event(
            object(
                List.of(
                    "\"type\":\"response.output_item.added\"",
                    "\"output_index\":0",
                    "\"item\":" + item))));
    for (int at = 0; at < arguments.length(); ) {
      int end = Math.min(arguments.length(), at + 1 + random.nextInt(6));
      List<String> members = new ArrayList<>();
      members.add("\"type\":\"response.function_call_arguments.delta\"");
      members.add("\"output_index\":0");
      if (withId) {
        members.add("\"item_id\":\"fc_1\"");
      }
      members.add("\"delta\":" + Jsonp.PROVIDER.createValue(arguments.substring(at, end)));
      out.append(event(object(members)));
      at = end;
    }
    if (random.nextBoolean()) {
      List<String> members = new ArrayList<>();
      members.add("\"type\":\"response.function_call_arguments.done\"");
      members.add("\"output_index\":0");
      if (withId) {
        members.add("\"item_id\":\"fc_1\"");
      }
      members.add("\"arguments\":" + Jsonp.PROVIDER.createValue(arguments));
      out.append(event(object(members)));
    }
    return out.toString();
  }

  /** An event whose data spans as many {@code data:} lines as its JSON has lines. */
  private static String event(String data) {
    return "event: message\ndata: " + String.join("\ndata: ", data.split("\r\n|\n")) + "\n\n";
  }

  // ---- JSON values, spelled at random ----

  private String value(int depth) {
    int kind = random.nextInt(depth > 0 ? 8 : 5);
    return switch (kind) {
      case 0 -> string();
      case 1 -> number();
      case 2 -> pick("true", "false", "null");
      case 3, 4 -> string();
      case 5, 6 -> object(randomMembers(depth - 1));
      default -> array(randomValues(depth - 1, 4));
    };
  }

  private List<String> randomMembers(int depth) {
    List<String> members = new ArrayList<>();
    List<String> names =
        new ArrayList<>(
            List.of(
                "a", "b", "B", "ab", "é", "z", "_", "a b", "\u00ff", "\ud83d\ude00", "10", "9"));
    Collections.shuffle(names, random);
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      members.add(spell(names.get(i)) + ":" + value(Math.max(depth, 0)));
    }
    return members;
  }

  private List<String> randomValues(int depth, int most) {
    List<String> values = new ArrayList<>();
    int n = random.nextInt(most + 1);
    for (int i = 0; i < n; i++) {
      values.add(value(Math.max(depth, 0)));
    }
    return values;
  }

  private String object(List<String> members) {
    List<String> shuffled = new ArrayList<>(members);
    Collections.shuffle(shuffled, random);
    return "{" + space() + String.join(space() + "," + space(), shuffled) + space() + "}";
  }

  private String array(List<String> values) {
    return "[" + space() + String.join("," + space(), values) + space() + "]";
  }

  private String space() {
    return random.nextInt(4) == 0 ? pick(" ", "\n", "\t ", "\r\n  ") : "";
  }

  private String number() {
    String sign = random.nextInt(4) == 0 ? "-" : "";
    String integer = pick("0", "1", "7", "10", "100", "123", "1000000", "99999999999999999999999");
    String fraction =
        random.nextBoolean()
            ? ""
            : "." + pick("0", "5", "50", "000", "25", "0000001", "000001", "1000");
    String exponent =
        random.nextInt(4) > 0
            ? ""
            : pick("e", "E") + pick("", "+", "-") + pick("0", "2", "7", "21", "25");
    return sign + integer + fraction + exponent;
  }

  private String string() {
    String text =
        pick(
            "x",
            "get_weather",
            "delete_records",
            "Müller & Søn",
            "line\nbreak",
            "quote\"d",
            "back\\slash",
            "tab\there",
            "\u0001ctl",
            "😀 smile",
            "",
            "/path/to",
            "\u2028sep");
    return spell(text);
  }

  /** A string literal of the text, with some characters escaped where JSON allows it. */
  private String spell(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean must = c < 0x20 || c == '"' || c == '\\';
      if (must || random.nextInt(12) == 0) {
        if (c == '/' && random.nextBoolean()) {
          out.append("\\/");
        } else {
          out.append(String.format("\\u%04x", (int) c));
        }
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static String unquote(String literal) {
    return ((jakarta.json.JsonString) TreeReaders.single(literal)).getString();
  }

  /** The text with one break: a character dropped, doubled or a second value behind it. */
  private String breakJson(String text) {
    int at = random.nextInt(text.length());
    return switch (random.nextInt(4)) {
      case 0 -> text.substring(0, at) + text.substring(at + 1);
      case 1 -> text.substring(0, at) + pick(",", "}", "]", "\"", ":") + text.substring(at);
      case 2 -> text + pick("{}", " 1", "x", "\n[]");
      default -> text.substring(0, at);
    };
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }
}
