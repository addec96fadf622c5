package dev.gatehouse.demo.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Builds the agent's deterministic ReAct-style reply. Determinism matters more than intelligence
 * here: tests and demos must be able to predict the exact text that passes through the gateway.
 */
final class ReactAnswer {

  /** Upper bound on streamed content events, so long prompts still stream in reasonable time. */
  static final int MAX_STREAM_PIECES = 32;

  private static final Pattern ARITHMETIC = Pattern.compile("[0-9.+\\-*/()\\s]+");
  private static final Pattern HAS_OPERATOR = Pattern.compile("[0-9.)]\\s*[+\\-*/]");
  private static final List<String> QUESTION_PREFIXES = List.of("what is", "calculate", "compute");

  private ReactAnswer() {}

  /** The full answer to {@code userMessage}. */
  static String compose(String userMessage) {
    String expression = arithmeticIn(userMessage);
    if (expression != null) {
      try {
        String result = Calculator.format(Calculator.evaluate(expression));
        return "Thought: the user asked to compute "
            + expression
            + ". Action: calculator["
            + expression
            + "]. Observation: "
            + result
            + ". Final answer: "
            + result;
      } catch (IllegalArgumentException notComputable) {
        // Looked like arithmetic but is not valid; answer like any other message.
      }
    }
    return "Thought: the user said \""
        + userMessage
        + "\". Action: none. Final answer: You said: "
        + userMessage;
  }

  /**
   * The answer to tool results the caller sent back: each call as an action with the result as its
   * observation, and the results as the final answer.
   */
  static String answerFrom(List<ToolResult> results) {
    StringBuilder answer = new StringBuilder("Thought: the tools answered.");
    List<String> contents = new ArrayList<>();
    for (ToolResult result : results) {
      answer
          .append(" Action: ")
          .append(result.toolName())
          .append('[')
          .append(result.arguments())
          .append("]. Observation: ")
          .append(result.content())
          .append('.');
      contents.add(result.content());
    }
    return answer.append(" Final answer: ").append(String.join("; ", contents)).toString();
  }

  /**
   * Splits an answer into the content deltas of a streamed reply: one word (with its trailing
   * space) per piece, merged evenly when there would be more than {@link #MAX_STREAM_PIECES}.
   * Concatenating the pieces gives back the answer.
   */
  static List<String> streamPieces(String answer) {
    List<String> words = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < answer.length(); i++) {
      if (answer.charAt(i) == ' ') {
        words.add(answer.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < answer.length() || words.isEmpty()) {
      words.add(answer.substring(start));
    }
    int wordsPerPiece = (words.size() + MAX_STREAM_PIECES - 1) / MAX_STREAM_PIECES;
    List<String> pieces = new ArrayList<>();
    for (int i = 0; i < words.size(); i += wordsPerPiece) {
      pieces.add(String.join("", words.subList(i, Math.min(words.size(), i + wordsPerPiece))));
    }
    return pieces;
  }

  /** Rough token count (whitespace-separated words) for the {@code usage} block. */
  static int countWords(String text) {
    String trimmed = text.strip();
    return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
  }

  private static String arithmeticIn(String userMessage) {
    String candidate = userMessage.strip();
    String lower = candidate.toLowerCase(Locale.ROOT);
    for (String prefix : QUESTION_PREFIXES) {
      if (lower.startsWith(prefix + " ")) {
        candidate = candidate.substring(prefix.length()).strip();
        break;
      }
    }
    while (candidate.endsWith("?") || candidate.endsWith("=")) {
      candidate = candidate.substring(0, candidate.length() - 1).strip();
    }
    boolean looksArithmetic =
        !candidate.isEmpty()
            && ARITHMETIC.matcher(candidate).matches()
            && HAS_OPERATOR.matcher(candidate).find();
    return looksArithmetic ? candidate : null;
  }
}
