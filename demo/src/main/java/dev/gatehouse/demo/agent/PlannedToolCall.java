package dev.gatehouse.demo.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * A tool call the model answers with instead of text.
 *
 * @param id the call's id ({@code call_…}), which the caller's tool result must name
 * @param arguments the arguments as a compact JSON object, the string OpenAI sends
 */
record PlannedToolCall(String id, String name, String arguments) {

  /** Characters per streamed fragment: a few, so that a secret in the arguments is cut apart. */
  static final int FRAGMENT_CHARS = 4;

  /** Upper bound on fragments, so long arguments still stream in reasonable time. */
  static final int MAX_FRAGMENTS = 256;

  /**
   * The arguments cut into the fragments a streamed answer carries, as OpenAI streams them: a few
   * characters each (more when there would be over {@link #MAX_FRAGMENTS}), never between the two
   * halves of a surrogate pair. Concatenating them gives back the arguments.
   */
  List<String> argumentFragments() {
    int size = Math.max(FRAGMENT_CHARS, (arguments.length() + MAX_FRAGMENTS - 1) / MAX_FRAGMENTS);
    List<String> fragments = new ArrayList<>();
    int start = 0;
    while (start < arguments.length()) {
      int end = Math.min(arguments.length(), start + size);
      if (end < arguments.length() && Character.isLowSurrogate(arguments.charAt(end))) {
        end++;
      }
      fragments.add(arguments.substring(start, end));
      start = end;
    }
    return fragments;
  }
}
