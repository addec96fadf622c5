package dev.gatehouse.demo.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CalculatorTest {

  private static String calculate(String expression) {
    return Calculator.format(Calculator.evaluate(expression));
  }

  @Test
  void appliesOperatorPrecedence() {
    assertThat(calculate("2 + 3 * 4")).isEqualTo("14");
    assertThat(calculate("10 - 4 - 3")).isEqualTo("3");
    assertThat(calculate("8 / 4 / 2")).isEqualTo("1");
  }

  @Test
  void honoursParenthesesAndUnarySigns() {
    assertThat(calculate("(2 + 3) * -(4 - 1)")).isEqualTo("-15");
    assertThat(calculate("-(-2)")).isEqualTo("2");
    assertThat(calculate("+.5 * 4")).isEqualTo("2");
  }

  @Test
  void usesDecimalArithmetic() {
    assertThat(calculate("0.1 + 0.2")).isEqualTo("0.3");
    assertThat(calculate("1 / 3")).isEqualTo("0.3333333333333333");
  }

  @Test
  void rejectsDivisionByZero() {
    assertThatThrownBy(() -> Calculator.evaluate("1 / (2 - 2)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("division by zero");
  }

  @Test
  void rejectsAnythingButArithmetic() {
    assertThatThrownBy(() -> Calculator.evaluate("Runtime.getRuntime()"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Calculator.evaluate("2 +"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Calculator.evaluate("(2 + 3")).hasMessageContaining("missing ')'");
    assertThatThrownBy(() -> Calculator.evaluate("1.2.3"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Calculator.evaluate("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsExcessiveNestingAndLength() {
    assertThatThrownBy(() -> Calculator.evaluate("(".repeat(100) + "1" + ")".repeat(100)))
        .hasMessageContaining("nested too deeply");
    assertThatThrownBy(() -> Calculator.evaluate("1+".repeat(200) + "1"))
        .hasMessageContaining("longer than");
  }
}
