package dev.gatehouse.console.policies;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Group names as the forms take them: one text field, comma-separated. */
final class GroupNames {

  private GroupNames() {}

  /** The names in a comma-separated text, stripped, blanks dropped. */
  static List<String> parse(String text) {
    return text == null || text.isBlank()
        ? List.of()
        : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** The names as the field shows them. */
  static String join(Collection<String> names) {
    return String.join(", ", names);
  }
}
