package dev.gatehouse.policy.masking;

import java.util.Locale;
import java.util.Set;

/**
 * Payment card numbers as the networks issue them: an issuer identification number (IIN) range of a
 * network, a length that network uses for that range, and the Luhn check digit. The Luhn check
 * alone lets one number in ten through — a 19-digit {@code System.nanoTime()} stamp, an order id,
 * epoch milliseconds; the issuer ranges and lengths bring that to a few in a thousand for digits
 * that happen to start like a card, and a number written as the value of a member named for a time
 * or a counter ({@code "sentAtNanos":…}, {@code created_at=…}) is taken for what its name says.
 */
final class CardNumbers {

  /**
   * The most characters a card number spans as the detector's pattern allows: 19 digits, 18 gaps.
   */
  static final int LONGEST = 37;

  /**
   * An IIN range: numbers whose first {@code digits} digits lie in {@code [low, high]}, issued with
   * the lengths set in the {@code lengths} bit mask (bit n: n digits).
   */
  private record Range(String network, int digits, int low, int high, int lengths) {}

  private static final Range[] RANGES = {
    new Range("Visa", 1, 4, 4, lengths(13, 16, 19)),
    new Range("Mastercard", 2, 51, 55, lengths(16)),
    new Range("Mastercard", 4, 2221, 2720, lengths(16)),
    new Range("American Express", 2, 34, 34, lengths(15)),
    new Range("American Express", 2, 37, 37, lengths(15)),
    new Range("Discover", 4, 6011, 6011, span(16, 19)),
    new Range("Discover", 3, 644, 649, span(16, 19)),
    new Range("Discover", 2, 65, 65, span(16, 19)),
    new Range("Diners Club", 3, 300, 305, span(14, 19)),
    new Range("Diners Club", 2, 36, 36, span(14, 19)),
    new Range("Diners Club", 2, 38, 39, span(14, 19)),
    new Range("JCB", 4, 3528, 3589, span(16, 19)),
    new Range("UnionPay", 2, 62, 62, span(16, 19)),
    new Range("Mir", 4, 2200, 2204, span(16, 19)),
    // Maestro: the IINs in wide use (the old 50/56–69 blanket would take most of 5 and 6).
    new Range("Maestro", 4, 5018, 5018, span(12, 19)),
    new Range("Maestro", 4, 5020, 5020, span(12, 19)),
    new Range("Maestro", 4, 5038, 5038, span(12, 19)),
    new Range("Maestro", 4, 5893, 5893, span(12, 19)),
    new Range("Maestro", 4, 6304, 6304, span(12, 19)),
    new Range("Maestro", 4, 6759, 6759, span(12, 19)),
    new Range("Maestro", 4, 6761, 6763, span(12, 19)),
  };

  /**
   * The last word of a member or variable name that says its number is a time, a duration or a
   * counter, not a card: {@code sentAtNanos}, {@code created_at}, {@code ts}, {@code seq}.
   */
  private static final Set<String> NOT_A_CARD =
      Set.of(
          "nanos",
          "ns",
          "nanotime",
          "nanoseconds",
          "micros",
          "us",
          "microseconds",
          "millis",
          "ms",
          "milliseconds",
          "time",
          "timestamp",
          "ts",
          "epoch",
          "at",
          "date",
          "created",
          "updated",
          "modified",
          "expires",
          "seq",
          "sequence",
          "offset",
          "elapsed",
          "duration");

  private CardNumbers() {}

  private static int lengths(int... n) {
    int mask = 0;
    for (int length : n) {
      mask |= 1 << length;
    }
    return mask;
  }

  private static int span(int from, int to) {
    int mask = 0;
    for (int n = from; n <= to; n++) {
      mask |= 1 << n;
    }
    return mask;
  }

  /** Whether a network issues numbers of this many digits that start so. */
  static boolean issued(String digits) {
    int length = digits.length();
    if (length > 19) {
      return false;
    }
    for (Range r : RANGES) {
      if ((r.lengths() & (1 << length)) != 0 && length >= r.digits()) {
        int prefix = Integer.parseInt(digits, 0, r.digits(), 10);
        if (prefix >= r.low() && prefix <= r.high()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether a card number the detector accepts can start at {@code p}: a digit at a word boundary,
   * not glued to a preceding number by {@code -} or {@code .}, from which the digits the pattern
   * can take (single spaces or hyphens between them) reach, at a word boundary, a length and issuer
   * range some network issues, with a valid Luhn check digit. Reads at most 19 digits, so a run of
   * look-alikes ({@code 4 4 4 4 …}) costs a few characters per position and no regular expression.
   */
  static boolean canStartAt(String text, int p) {
    if (!Starts.digitWord(text, p)) {
      return false;
    }
    if (p > 0) {
      char before = text.charAt(p - 1);
      if (before == '-' || before == '.') {
        return false;
      }
    }
    int length = text.length();
    // Per digit index parity: the plain digits and the Luhn-doubled ones, summed.
    int plainEven = 0;
    int plainOdd = 0;
    int doubledEven = 0;
    int doubledOdd = 0;
    int prefix = 0;
    int n = 0;
    int at = p;
    while (n < 19 && at < length) {
      char c = text.charAt(at);
      if (c < '0' || c > '9') {
        break;
      }
      int d = c - '0';
      int twice = d * 2 > 9 ? d * 2 - 9 : d * 2;
      if ((n & 1) == 0) {
        plainEven += d;
        doubledEven += twice;
      } else {
        plainOdd += d;
        doubledOdd += twice;
      }
      if (n < 4) {
        prefix = prefix * 10 + d;
      }
      n++;
      at++;
      if (n >= 13 && (at == length || !Starts.word(text.charAt(at)))) {
        // Counted from the right, every second digit is doubled: those with n's parity.
        int sum = (n & 1) == 0 ? doubledEven + plainOdd : doubledOdd + plainEven;
        if (sum % 10 == 0 && issued(prefix, n)) {
          return true;
        }
      }
      if (at + 1 < length) {
        char s = text.charAt(at);
        char next = text.charAt(at + 1);
        if ((s == ' ' || s == '-') && next >= '0' && next <= '9') {
          at++;
        }
      }
    }
    return false;
  }

  /**
   * Whether a network issues numbers of {@code length} digits whose first four are {@code head}.
   */
  private static boolean issued(int head, int length) {
    for (Range r : RANGES) {
      if ((r.lengths() & (1 << length)) != 0) {
        int prefix = head;
        for (int d = 4; d > r.digits(); d--) {
          prefix /= 10;
        }
        if (prefix >= r.low() && prefix <= r.high()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the number at {@code start} is the value of a member or variable named for a time or a
   * counter: {@code "sentAtNanos":N}, {@code "ts": "N"}, {@code created_at=N}.
   */
  static boolean namedAsTimeOrCounter(CharSequence text, int start) {
    int at = start - 1;
    if (at >= 0 && (text.charAt(at) == '"' || text.charAt(at) == '\'')) {
      at--;
    }
    at = skipSpaceBack(text, at);
    if (at < 0 || (text.charAt(at) != ':' && text.charAt(at) != '=')) {
      return false;
    }
    at = skipSpaceBack(text, at - 1);
    if (at >= 0 && (text.charAt(at) == '"' || text.charAt(at) == '\'')) {
      at--;
    }
    int end = at + 1;
    // The last word of the name: back to a '_' or '-', or to the capital that starts a camelCase
    // word, at most 32 characters.
    int from = end;
    while (from > 0 && end - from < 32) {
      char c = text.charAt(from - 1);
      if (!Character.isLetterOrDigit(c) || c >= 128) {
        break;
      }
      from--;
      if (c >= 'A' && c <= 'Z') {
        // Stop at a capital preceded by a lower-case letter (sentAtNanos → Nanos).
        if (from > 0 && Character.isLowerCase(text.charAt(from - 1))) {
          break;
        }
      }
    }
    if (from == end) {
      return false;
    }
    return NOT_A_CARD.contains(text.subSequence(from, end).toString().toLowerCase(Locale.ROOT));
  }

  private static int skipSpaceBack(CharSequence text, int at) {
    int stop = at - 8;
    while (at >= 0 && at > stop && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
      at--;
    }
    return at;
  }
}
