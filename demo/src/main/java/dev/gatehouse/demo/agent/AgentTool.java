package dev.gatehouse.demo.agent;

import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/**
 * The tools a ReAct-style agent can call through {@code POST /v1/tools/{name}}. They give the
 * gateway's tool-call policies something real to allow or block: one computes, one reads the clock,
 * one is a harmless echo.
 */
enum AgentTool {
  CALCULATOR("calculator", "Evaluates arithmetic with + - * / and parentheses.") {
    @Override
    String observe(String input, Clock clock) {
      return Calculator.format(Calculator.evaluate(input));
    }
  },
  CLOCK("clock", "Returns the current UTC instant (ISO-8601); the input is ignored.") {
    @Override
    String observe(String input, Clock clock) {
      return clock.instant().toString();
    }
  },
  ECHO("echo", "Returns its input unchanged.") {
    @Override
    String observe(String input, Clock clock) {
      return input;
    }
  };

  private final String toolName;
  private final String description;

  AgentTool(String toolName, String description) {
    this.toolName = toolName;
    this.description = description;
  }

  String toolName() {
    return toolName;
  }

  String description() {
    return description;
  }

  /**
   * Runs the tool.
   *
   * @throws IllegalArgumentException if the input is not acceptable to the tool
   */
  abstract String observe(String input, Clock clock);

  static Optional<AgentTool> named(String name) {
    return Arrays.stream(values()).filter(tool -> tool.toolName.equals(name)).findFirst();
  }
}
