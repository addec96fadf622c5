package dev.gatehouse.demo.agent;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Evaluates arithmetic ({@code + - * /}, unary signs, parentheses, decimal numbers) for the {@code
 * calculator} tool. A hand-written parser rather than a script engine, so that tool input can never
 * execute code; decimal arithmetic so that {@code 0.1 + 0.2} answers {@code 0.3}.
 */
final class Calculator {

  static final int MAX_EXPRESSION_LENGTH = 256;
  private static final int MAX_NESTING = 64;
  private static final MathContext PRECISION = MathContext.DECIMAL64;

  private final String expression;
  private int pos;
  private int nesting;

  private Calculator(String expression) {
    this.expression = expression;
  }

  /**
   * Evaluates {@code expression}.
   *
   * @throws IllegalArgumentException if it is not a valid expression or divides by zero
   */
  static BigDecimal evaluate(String expression) {
    if (expression.length() > MAX_EXPRESSION_LENGTH) {
      throw new IllegalArgumentException(
          "expression longer than " + MAX_EXPRESSION_LENGTH + " characters");
    }
    Calculator calculator = new Calculator(expression);
    BigDecimal result = calculator.sum();
    calculator.skipSpaces();
    if (calculator.pos != expression.length()) {
      throw calculator.error("unexpected '" + expression.charAt(calculator.pos) + "'");
    }
    return result;
  }

  /** Formats a result without trailing zeros, switching to scientific notation for extremes. */
  static String format(BigDecimal value) {
    BigDecimal normalized = value.stripTrailingZeros();
    if (normalized.signum() == 0) {
      return "0";
    }
    return Math.abs(normalized.scale()) <= 30 ? normalized.toPlainString() : normalized.toString();
  }

  private BigDecimal sum() {
    BigDecimal result = product();
    while (true) {
      char operator = peekOperator();
      if (operator == '+') {
        pos++;
        result = result.add(product(), PRECISION);
      } else if (operator == '-') {
        pos++;
        result = result.subtract(product(), PRECISION);
      } else {
        return result;
      }
    }
  }

  private BigDecimal product() {
    BigDecimal result = factor();
    while (true) {
      char operator = peekOperator();
      if (operator == '*') {
        pos++;
        result = result.multiply(factor(), PRECISION);
      } else if (operator == '/') {
        pos++;
        BigDecimal divisor = factor();
        if (divisor.signum() == 0) {
          throw new IllegalArgumentException("division by zero");
        }
        result = result.divide(divisor, PRECISION);
      } else {
        return result;
      }
    }
  }

  private BigDecimal factor() {
    if (++nesting > MAX_NESTING) {
      throw error("expression nested too deeply");
    }
    try {
      char next = peekOperator();
      if (next == '-') {
        pos++;
        return factor().negate(PRECISION);
      }
      if (next == '+') {
        pos++;
        return factor();
      }
      if (next == '(') {
        pos++;
        BigDecimal inner = sum();
        if (peekOperator() != ')') {
          throw error("missing ')'");
        }
        pos++;
        return inner;
      }
      return number();
    } finally {
      nesting--;
    }
  }

  private BigDecimal number() {
    int start = pos;
    while (pos < expression.length() && isNumberChar(expression.charAt(pos))) {
      pos++;
    }
    String literal = expression.substring(start, pos);
    if (literal.isEmpty()) {
      throw error(pos < expression.length() ? "expected a number" : "unexpected end of input");
    }
    try {
      return new BigDecimal(literal);
    } catch (NumberFormatException e) {
      throw error("invalid number '" + literal + "'");
    }
  }

  private static boolean isNumberChar(char c) {
    return (c >= '0' && c <= '9') || c == '.';
  }

  /** Skips spaces and returns the next character without consuming it, or 0 at the end. */
  private char peekOperator() {
    skipSpaces();
    return pos < expression.length() ? expression.charAt(pos) : 0;
  }

  private void skipSpaces() {
    while (pos < expression.length() && Character.isWhitespace(expression.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(message + " at position " + pos);
  }
}
