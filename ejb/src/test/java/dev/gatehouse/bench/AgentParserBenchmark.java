package dev.gatehouse.bench;

import dev.gatehouse.agent.AgentFacts;
import dev.gatehouse.agent.McpRequestReader;
import dev.gatehouse.agent.McpResponseReader;
import dev.gatehouse.agent.OpenAiRequestReader;
import dev.gatehouse.agent.OpenAiResponseReader;
import dev.gatehouse.agent.ToolCall;
import dev.gatehouse.agent.ToolDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the agent-protocol readers on the data path ({@code dev.gatehouse.agent}), one
 * thread, on realistic bodies: MCP {@code tools/call} requests (1 KB and 16 KB of arguments), a
 * Chat Completions request offering 10 tools with a long conversation (16 KB and 64 KB), a streamed
 * chat answer whose tool call comes as many argument fragments (16 KB of SSE), and a {@code
 * tools/list} answer with 20 tools (JSON and SSE). Each benchmark counts the UTF-8 bytes it read:
 * its {@code bytes} line, in bytes per microsecond, is MB/s per core (10^6 bytes/s). The readers
 * take the body as a {@code String}; the strict UTF-8 decoding before them is not measured. Not
 * part of the test suite; run with
 *
 * <pre>
 * mvn -B -o -q -pl ejb -Pbench-jmh -DskipTests test \
 *     -Djmh.args='AgentParserBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s'
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AgentParserBenchmark {

  /** Bytes read; reported per microsecond, that is MB/s. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Read {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  private String mcpCall1k;
  private int mcpCall1kBytes;
  private String mcpCall16k;
  private int mcpCall16kBytes;
  private String chat16k;
  private int chat16kBytes;
  private String chat64k;
  private int chat64kBytes;
  private String chatStream16k;
  private int chatStream16kBytes;
  private String toolsList;
  private int toolsListBytes;
  private String toolsListSse;
  private int toolsListSseBytes;

  @Setup
  public void setUp() {
    mcpCall1k = mcpToolsCall(1024);
    mcpCall16k = mcpToolsCall(16 * 1024);
    chat16k = chatRequest(16 * 1024);
    chat64k = chatRequest(64 * 1024);
    chatStream16k = streamedToolCall(16 * 1024);
    toolsList = toolsListAnswer(20);
    toolsListSse =
        "event: message\nid: 1\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\","
            + "\"params\":{\"level\":\"info\",\"data\":\"listing tools\"}}\n\n"
            + "event: message\nid: 2\ndata: "
            + toolsList
            + "\n\n";
    mcpCall1kBytes = utf8(mcpCall1k);
    mcpCall16kBytes = utf8(mcpCall16k);
    chat16kBytes = utf8(chat16k);
    chat64kBytes = utf8(chat64k);
    chatStream16kBytes = utf8(chatStream16k);
    toolsListBytes = utf8(toolsList);
    toolsListSseBytes = utf8(toolsListSse);

    // What each benchmark must find, so that a reader that silently read nothing would show.
    check(mcpToolsCall1k(new Read()).toolCalls().size() == 1, "MCP 1 KB call");
    check(mcpToolsCall16k(new Read()).toolCalls().size() == 1, "MCP 16 KB call");
    check(openAiChatRequest16k(new Read()).toolsOffered().size() == 10, "chat 16 KB tools");
    check(openAiChatRequest64k(new Read()).toolsOffered().size() == 10, "chat 64 KB tools");
    List<ToolCall> streamed = openAiStreamedToolCall16k(new Read());
    check(streamed.size() == 1 && streamed.get(0).name().equals("create_ticket"), "streamed call");
    check(mcpToolsList20(new Read()).size() == 20, "tools/list JSON");
    check(mcpToolsList20Sse(new Read()).size() == 20, "tools/list SSE");
    System.out.printf(
        "%nInputs (UTF-8 bytes): MCP call %d and %d, chat request %d and %d, streamed answer %d,"
            + " tools/list %d (SSE %d)%n",
        mcpCall1kBytes,
        mcpCall16kBytes,
        chat16kBytes,
        chat64kBytes,
        chatStream16kBytes,
        toolsListBytes,
        toolsListSseBytes);
  }

  @Benchmark
  public AgentFacts mcpToolsCall1k(Read read) {
    read.bytes += mcpCall1kBytes;
    return McpRequestReader.read(mcpCall1k, "2025-06-18", null, null, "3f2a9c1e-session");
  }

  @Benchmark
  public AgentFacts mcpToolsCall16k(Read read) {
    read.bytes += mcpCall16kBytes;
    return McpRequestReader.read(mcpCall16k, "2025-06-18", null, null, "3f2a9c1e-session");
  }

  @Benchmark
  public AgentFacts openAiChatRequest16k(Read read) {
    read.bytes += chat16kBytes;
    return OpenAiRequestReader.read(chat16k);
  }

  @Benchmark
  public AgentFacts openAiChatRequest64k(Read read) {
    read.bytes += chat64kBytes;
    return OpenAiRequestReader.read(chat64k);
  }

  @Benchmark
  public List<ToolCall> openAiStreamedToolCall16k(Read read) {
    read.bytes += chatStream16kBytes;
    return OpenAiResponseReader.toolCalls(chatStream16k, true);
  }

  @Benchmark
  public List<ToolDefinition> mcpToolsList20(Read read) {
    read.bytes += toolsListBytes;
    return McpResponseReader.toolsListed(toolsList, false);
  }

  @Benchmark
  public List<ToolDefinition> mcpToolsList20Sse(Read read) {
    read.bytes += toolsListSseBytes;
    return McpResponseReader.toolsListed(toolsListSse, true);
  }

  // ---- inputs ----

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("the benchmark input was not read as expected: " + what);
    }
  }

  /**
   * A {@code tools/call} of {@code write_records} whose arguments hold about {@code size} bytes:
   * strings (some with escapes and non-ASCII text), integers, decimals, booleans, nulls, nested
   * objects and arrays, as a coding or data agent sends them.
   */
  public static String mcpToolsCall(int size) {
    StringBuilder b =
        new StringBuilder(
            "{\"jsonrpc\":\"2.0\",\"id\":17,\"method\":\"tools/call\",\"params\":{\"_meta\":"
                + "{\"progressToken\":\"pt-17\"},\"name\":\"write_records\",\"arguments\":{"
                + "\"table\":\"customer_notes\",\"dryRun\":false,\"options\":{\"upsert\":true,"
                + "\"batchSize\":250,\"timeoutSeconds\":12.5,\"tags\":[\"import\",\"q3\"]},"
                + "\"records\":[");
    int n = 0;
    while (b.length() < size - 120) {
      if (n > 0) {
        b.append(',');
      }
      b.append("{\"id\":")
          .append(100_000 + n * 37)
          .append(",\"customer\":\"Müller & Søn GmbH #")
          .append(n)
          .append("\",\"amount\":")
          .append(n * 13 % 997)
          .append('.')
          .append(n % 10)
          .append("5,\"active\":")
          .append(n % 3 != 0)
          .append(",\"note\":\"Called on 2024-03-")
          .append(10 + n % 19)
          .append(", asked for a \\\"refund\\\" of the\\nlast invoice.\",\"manager\":")
          .append(n % 4 == 0 ? "null" : "\"agent-" + n % 7 + "\"")
          .append(",\"scores\":[")
          .append(n % 5)
          .append(",1.0e2,-3]}");
      n++;
    }
    b.append("],\"comment\":\"imported by the nightly agent run\"}}}");
    return b.toString();
  }

  private static final String[] TOOL_NAMES = {
    "get_weather",
    "search_documents",
    "create_ticket",
    "send_email",
    "query_database",
    "read_file",
    "write_file",
    "list_calendar_events",
    "translate_text",
    "run_tests"
  };

  /** One Chat Completions tool definition with a JSON schema of a few typed properties. */
  private static void tool(StringBuilder b, String name, int i) {
    b.append("{\"type\":\"function\",\"function\":{\"name\":\"")
        .append(name)
        .append("\",\"description\":\"")
        .append(name.replace('_', ' '))
        .append(": use this tool when the user asks for it; returns a JSON object with the result")
        .append(" or an error message.\",\"strict\":true,\"parameters\":{\"type\":\"object\",")
        .append("\"properties\":{\"query\":{\"type\":\"string\",\"description\":\"What to look")
        .append(" for, in the user's words\"},\"limit\":{\"type\":\"integer\",\"minimum\":1,")
        .append("\"maximum\":")
        .append(50 + i)
        .append(",\"default\":10},\"filters\":{\"type\":\"object\",\"properties\":{\"since\":")
        .append("{\"type\":\"string\",\"format\":\"date\"},\"kinds\":{\"type\":\"array\",")
        .append("\"items\":{\"type\":\"string\",\"enum\":[\"a\",\"b\",\"c\"]}}},")
        .append("\"additionalProperties\":false}},\"required\":[\"query\",\"limit\",\"filters\"],")
        .append("\"additionalProperties\":false}}}");
  }

  /**
   * A Chat Completions request of about {@code size} bytes: a system prompt, a conversation of user
   * and assistant turns with earlier tool calls and their results, and 10 tools offered.
   */
  public static String chatRequest(int size) {
    StringBuilder b =
        new StringBuilder(
            "{\"model\":\"gpt-4o-2024-08-06\",\"temperature\":0.2,\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"tools\":[");
    for (int i = 0; i < TOOL_NAMES.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      tool(b, TOOL_NAMES[i], i);
    }
    b.append("],\"tool_choice\":\"auto\",\"messages\":[{\"role\":\"system\",\"content\":\"You are")
        .append(" a careful assistant for the support team. Answer briefly, cite the documents")
        .append(" you used, and never reveal internal identifiers.\"}");
    int turn = 0;
    String tail = "],\"user\":\"user-4711\"}";
    while (b.length() < size - tail.length() - 40) {
      b.append(",{\"role\":\"user\",\"content\":\"Turn ")
          .append(turn)
          .append(": could you look up the open tickets for the Zürich office and summarise")
          .append(" what the customers asked about \\\"billing\\\" since last week?\"}")
          .append(",{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_")
          .append(turn)
          .append("\",\"type\":\"function\",\"function\":{\"name\":\"search_documents\",")
          .append("\"arguments\":\"{\\\"query\\\":\\\"billing Zürich\\\",\\\"limit\\\":")
          .append(5 + turn % 10)
          .append("}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"call_")
          .append(turn)
          .append("\",\"content\":\"[{\\\"id\\\":\\\"T-")
          .append(1000 + turn)
          .append("\\\",\\\"title\\\":\\\"Invoice sent twice\\\",\\\"status\\\":\\\"open\\\"}]\"}")
          .append(",{\"role\":\"assistant\",\"content\":\"There is one open ticket, T-")
          .append(1000 + turn)
          .append(" (invoice sent twice); nothing else about billing since last week.\"}");
      turn++;
    }
    b.append(tail);
    return b.toString();
  }

  /**
   * A streamed Chat Completions answer of about {@code size} bytes, as the API sends it: a role
   * chunk, a tool call opened with its id and name, then its arguments in fragments of a few
   * characters (one chunk each), the finish reason, the usage chunk and {@code [DONE]}.
   */
  public static String streamedToolCall(int size) {
    String head =
        "data: {\"id\":\"chatcmpl-AbC123xyz\",\"object\":\"chat.completion.chunk\",\"created\":"
            + "1733600000,\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_7f6be3efb0\","
            + "\"choices\":[{\"index\":0,\"delta\":";
    String arguments =
        "{\"title\":\"Invoice sent twice to the Zürich office\",\"priority\":\"high\","
            + "\"assignee\":\"billing-team\",\"body\":\"The customer reports that the invoice"
            + " for March was sent twice and asks for a \\\"credit note\\\".\\nPlease check the"
            + " ledger and answer within two days.\",\"labels\":[\"billing\",\"duplicate\","
            + "\"customer-facing\"],\"due\":\"2024-03-15\",\"estimate_hours\":1.5,"
            + "\"notify\":true}";
    StringBuilder b = new StringBuilder();
    b.append(head)
        .append("{\"role\":\"assistant\",\"content\":null,\"refusal\":null}")
        .append(",\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    b.append(head)
        .append("{\"tool_calls\":[{\"index\":0,\"id\":\"call_Q1w2E3r4T5y6\",\"type\":\"function\",")
        .append("\"function\":{\"name\":\"create_ticket\",\"arguments\":\"\"}}]}")
        .append(",\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    String end =
        head
            + "{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]}\n\n"
            + "data: {\"id\":\"chatcmpl-AbC123xyz\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1733600000,\"model\":\"gpt-4o-2024-08-06\",\"choices\":[],\"usage\":"
            + "{\"prompt_tokens\":812,\"completion_tokens\":97,\"total_tokens\":909}}\n\n"
            + "data: [DONE]\n\n";
    // Fragments of 3 to 7 characters, never splitting an escape; the arguments repeat (a long
    // list of tickets) until the stream has its size, and close as one JSON array.
    StringBuilder all = new StringBuilder("[").append(arguments);
    int at = 0;
    int piece = 0;
    String pending = all.toString();
    while (b.length() < size - end.length() - 200) {
      if (at >= pending.length()) {
        pending = "," + arguments;
        at = 0;
      }
      int len = Math.min(3 + piece++ % 5, pending.length() - at);
      while (pending.charAt(at + len - 1) == '\\' && at + len < pending.length()) {
        len++;
      }
      String fragment = pending.substring(at, at + len);
      at += len;
      b.append(head)
          .append("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":")
          .append(quote(fragment))
          .append("}}]},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    }
    String rest = pending.substring(at) + "]";
    b.append(head)
        .append("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":")
        .append(quote(rest))
        .append("}}]},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    b.append(end);
    return b.toString();
  }

  /** A JSON string literal of argument text (which itself holds JSON escapes). */
  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** A JSON-RPC answer to {@code tools/list} with {@code count} tools, schemas and annotations. */
  public static String toolsListAnswer(int count) {
    StringBuilder b = new StringBuilder("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[");
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        b.append(',');
      }
      String name = TOOL_NAMES[i % TOOL_NAMES.length] + (i >= TOOL_NAMES.length ? "_v2" : "");
      b.append("{\"name\":\"")
          .append(name)
          .append("\",\"title\":\"")
          .append(name.replace('_', ' '))
          .append("\",\"description\":\"")
          .append(name.replace('_', ' '))
          .append(" for the current workspace. Returns structured content and a text summary;")
          .append(" fails with isError when the input is out of range.\",\"inputSchema\":{")
          .append("\"type\":\"object\",\"properties\":{\"target\":{\"type\":\"string\",")
          .append("\"description\":\"The record, file or address to act on\"},\"count\":{")
          .append("\"type\":\"integer\",\"minimum\":0,\"maximum\":1000},\"options\":{\"type\":")
          .append("\"object\",\"additionalProperties\":{\"type\":\"string\"}}},\"required\":")
          .append("[\"target\"],\"additionalProperties\":false,\"$schema\":")
          .append("\"http://json-schema.org/draft-07/schema#\"},\"outputSchema\":{\"type\":")
          .append("\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"},\"id\":{\"type\":")
          .append("\"string\"}}},\"annotations\":{\"readOnlyHint\":")
          .append(i % 3 == 0)
          .append(",\"destructiveHint\":")
          .append(i % 4 == 1)
          .append(",\"idempotentHint\":true,\"openWorldHint\":false}}");
    }
    b.append("],\"nextCursor\":null}}");
    return b.toString();
  }
}
