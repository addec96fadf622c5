package dev.gatehouse.demo.issuer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --name value} options of one issuer sub-command. Unknown and repeated options are errors,
 * so a typo such as {@code --audiance} fails loudly instead of minting a token with a default.
 */
final class CommandOptions {

  private final Map<String, String> values;

  private CommandOptions(Map<String, String> values) {
    this.values = values;
  }

  static CommandOptions parse(List<String> args, Set<String> allowed) throws IssuerException {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      String name = args.get(i);
      if (!name.startsWith("--") || !allowed.contains(name.substring(2))) {
        throw new IssuerException("Unknown option " + name);
      }
      if (i + 1 >= args.size()) {
        throw new IssuerException("Missing value for " + name);
      }
      if (values.put(name.substring(2), args.get(i + 1)) != null) {
        throw new IssuerException("Option " + name + " given more than once");
      }
    }
    return new CommandOptions(values);
  }

  String required(String name) throws IssuerException {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      throw new IssuerException("Missing required option --" + name);
    }
    return value;
  }

  Optional<String> optional(String name) {
    return Optional.ofNullable(values.get(name));
  }
}
