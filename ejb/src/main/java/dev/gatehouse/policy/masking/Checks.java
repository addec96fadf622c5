package dev.gatehouse.policy.masking;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;

/** The validators behind the detectors whose patterns alone match too much. */
final class Checks {

  private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

  private Checks() {}

  /** Digits only, in order. */
  static String digits(CharSequence text, int start, int end) {
    StringBuilder digits = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    return digits.toString();
  }

  static boolean luhn(String digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  /**
   * A payment card: a length and issuer range some network issues ({@link CardNumbers}),
   * Luhn-valid, and not a plain number named as a time or counter.
   */
  static boolean card(CharSequence text, int start, int end) {
    if (!isolated(text, start, end)) {
      return false;
    }
    String d = digits(text, start, end);
    if (!CardNumbers.issued(d) || !luhn(d)) {
      return false;
    }
    // Written in groups it reads as a card whatever its name; a bare run may be a stamp.
    boolean bare = d.length() == end - start;
    return !bare || !CardNumbers.namedAsTimeOrCounter(text, start);
  }

  /** An IBAN: country code, check digits, 11–30 more, mod-97 equal to 1. */
  static boolean iban(CharSequence text, int start, int end) {
    StringBuilder compact = new StringBuilder();
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c != ' ') {
        compact.append(c);
      }
    }
    if (compact.length() < 15 || compact.length() > 34) {
      return false;
    }
    String rearranged = compact.substring(4) + compact.substring(0, 4);
    StringBuilder numeric = new StringBuilder();
    for (int i = 0; i < rearranged.length(); i++) {
      char c = rearranged.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        numeric.append(c - 'A' + 10);
      } else {
        numeric.append(c);
      }
    }
    return new BigInteger(numeric.toString()).mod(NINETY_SEVEN).intValue() == 1;
  }

  /** A US SSN outside the never-issued ranges (area 000, 666, 9xx; group 00; serial 0000). */
  static boolean ssn(CharSequence text, int start, int end) {
    if (!isolated(text, start, end)) {
      return false;
    }
    String d = digits(text, start, end);
    if (d.length() != 9) {
      return false;
    }
    String area = d.substring(0, 3);
    return !area.equals("000")
        && !area.equals("666")
        && area.charAt(0) != '9'
        && !d.startsWith("00", 3)
        && !d.startsWith("0000", 5)
        && !d.equals("123456789");
  }

  /** A phone number: 8–15 digits (E.164), not part of a longer number or dotted version. */
  static boolean phone(CharSequence text, int start, int end) {
    if (!isolated(text, start, end)) {
      return false;
    }
    String d = digits(text, start, end);
    if (d.length() < 10 || d.length() > 15) {
      return false;
    }
    if (text.charAt(start) != '+') {
      // National (NANP) form: area code and exchange start with 2-9.
      String national = d.length() == 11 && d.startsWith("1") ? d.substring(1) : d;
      return national.length() == 10 && national.charAt(0) >= '2' && national.charAt(3) >= '2';
    }
    return d.charAt(0) != '0';
  }

  /** An IPv4 address not embedded in a longer dotted sequence. */
  static boolean ipv4(CharSequence text, int start, int end) {
    if (start > 0) {
      char before = text.charAt(start - 1);
      if (before == '.' || Character.isLetterOrDigit(before)) {
        return false;
      }
    }
    if (end < text.length()) {
      char after = text.charAt(end);
      if (Character.isLetterOrDigit(after)) {
        return false;
      }
      if (after == '.' && end + 1 < text.length() && Character.isDigit(text.charAt(end + 1))) {
        return false;
      }
    }
    return true;
  }

  /** An IPv6 address: eight groups, or fewer with exactly one {@code ::}. */
  static boolean ipv6(CharSequence text, int start, int end) {
    if (start > 0 && (text.charAt(start - 1) == ':' || isHex(text.charAt(start - 1)))) {
      return false;
    }
    if (end < text.length() && (text.charAt(end) == ':' || isHex(text.charAt(end)))) {
      return false;
    }
    String s = text.subSequence(start, end).toString();
    if (s.contains(":::")
        || (s.startsWith(":") && !s.startsWith("::"))
        || (s.endsWith(":") && !s.endsWith("::"))) {
      return false;
    }
    int compressed = s.indexOf("::");
    if (compressed >= 0 && s.indexOf("::", compressed + 1) >= 0) {
      return false;
    }
    int groups = 0;
    for (String part : s.split(":")) {
      if (!part.isEmpty()) {
        groups++;
      }
    }
    return compressed >= 0 ? groups >= 1 && groups <= 7 && s.length() >= 3 : groups == 8;
  }

  /** At least one digit, one upper- and one lower-case letter: a random token, not a word. */
  static boolean mixed(CharSequence text, int start, int end) {
    boolean digit = false;
    boolean upper = false;
    boolean lower = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      digit |= c >= '0' && c <= '9';
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
    }
    return digit && upper && lower;
  }

  /** Shannon entropy of {@code [start, end)}, in bits per character. */
  static double entropy(CharSequence text, int start, int end) {
    int n = end - start;
    if (n <= 0) {
      return 0;
    }
    int[] counts = new int[128];
    int other = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double bits = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = (double) count / n;
        bits -= p * Math.log(p);
      }
    }
    if (other > 0) {
      double p = (double) other / n;
      bits -= p * Math.log(p);
    }
    return bits / Math.log(2);
  }

  /** Upper- and lower-case letters both: a random token, not an identifier in one case. */
  static boolean bothCases(CharSequence text, int start, int end) {
    boolean upper = false;
    boolean lower = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
    }
    return upper && lower;
  }

  /** Letters and digits both. */
  static boolean lettersAndDigits(CharSequence text, int start, int end) {
    boolean letter = false;
    boolean digit = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      letter |= (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      digit |= c >= '0' && c <= '9';
    }
    return letter && digit;
  }

  /** Words that stand for a secret in examples and templates, not a secret. */
  private static final Set<String> PLACEHOLDERS =
      Set.of(
          "null",
          "none",
          "nil",
          "true",
          "false",
          "undefined",
          "changeme",
          "password",
          "secret",
          "redacted",
          "example",
          "placeholder",
          "required",
          "optional",
          "string",
          "empty");

  /**
   * Not a placeholder: a reference to a variable ({@code $VAR}, {@code ${VAR}}, {@code $(cmd)},
   * {@code {{ .Values.x }}}, {@code %VAR%}), a mask ({@code ****}, {@code xxxx}), a word that
   * stands for the value ({@code changeme}, {@code null}) or an invitation ({@code your-key-here}).
   */
  static boolean notPlaceholder(CharSequence text, int start, int end) {
    if (end <= start) {
      return false;
    }
    char first = text.charAt(start);
    char last = text.charAt(end - 1);
    if (first == '$' && end - start > 1) {
      char next = text.charAt(start + 1);
      if (next == '{' || next == '(' || Character.isLetter(next) || next == '_') {
        return false;
      }
    }
    if ((first == '{' && last == '}') || (first == '%' && last == '%')) {
      return false;
    }
    boolean same = true;
    for (int i = start + 1; i < end && same; i++) {
      same = text.charAt(i) == first;
    }
    if (same) {
      return false;
    }
    String value = text.subSequence(start, end).toString().toLowerCase(Locale.ROOT);
    return !PLACEHOLDERS.contains(value)
        && !value.startsWith("your")
        && !value.endsWith("-here")
        && !value.endsWith("_here");
  }

  /**
   * The credentials of an {@code Authorization} header: after {@code Basic}, base64 of {@code
   * user:password}; after another scheme or none, a token of letters and digits with some entropy.
   */
  static boolean authorizationCredentials(CharSequence text, int start, int end) {
    int at = start;
    while (at > 0 && Locators.space(text.charAt(at - 1))) {
      at--;
    }
    if (at >= 5 && text.subSequence(at - 5, at).toString().equalsIgnoreCase("basic")) {
      return Checksums.basicCredentials(text, start, end);
    }
    return end - start >= 12
        && lettersAndDigits(text, start, end)
        && entropy(text, start, end) >= 3.0;
  }

  /**
   * The position after the first {@code c} at or after {@code from} (the text's length if none).
   */
  static int after(CharSequence text, int from, char c) {
    for (int i = from; i < text.length(); i++) {
      if (text.charAt(i) == c) {
        return i + 1;
      }
    }
    return text.length();
  }

  /** Not glued to further digits or word characters on either side. */
  static boolean isolated(CharSequence text, int start, int end) {
    if (start > 0) {
      char before = text.charAt(start - 1);
      if (Character.isLetterOrDigit(before) || before == '-' || before == '.') {
        return false;
      }
    }
    if (end < text.length()) {
      char after = text.charAt(end);
      if (Character.isLetterOrDigit(after) || after == '-') {
        return false;
      }
      if (after == '.' && end + 1 < text.length() && Character.isDigit(text.charAt(end + 1))) {
        return false;
      }
    }
    return true;
  }

  /** How many ASCII digits {@code [start, end)} holds. */
  static int countDigits(CharSequence text, int start, int end) {
    int n = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        n++;
      }
    }
    return n;
  }

  /** How many times {@code c} occurs in {@code [start, end)}. */
  static int count(CharSequence text, int start, int end, char c) {
    int n = 0;
    for (int i = start; i < end; i++) {
      if (text.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  /** Whether the run holds {@code ddd-dd-dddd} (or with spaces): worth the SSN pattern. */
  static boolean ssnShape(CharSequence text, int start, int end) {
    for (int i = start; i + 11 <= end; i++) {
      if (isDigits(text, i, 3)
          && separator(text.charAt(i + 3))
          && isDigits(text, i + 4, 2)
          && separator(text.charAt(i + 6))
          && isDigits(text, i + 7, 4)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the run holds ten digits and either a {@code +} before a digit (international form) or
   * a separator before four digits (the national form's last group): worth the phone pattern. A
   * bare run of digits — epoch seconds, an id — is not.
   */
  static boolean phoneShape(CharSequence text, int start, int end) {
    int digits = 0;
    boolean shaped = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (!shaped && i + 1 < end) {
        shaped =
            (c == '+' && isDigits(text, i + 1, 1))
                || ((c == ' ' || c == '.' || c == '-') && i + 5 <= end && isDigits(text, i + 1, 4));
      }
    }
    return shaped && digits >= 10;
  }

  /** Whether the run holds two capitals and two digits: worth the IBAN pattern. */
  static boolean ibanShape(CharSequence text, int start, int end) {
    for (int i = start; i + 4 <= end; i++) {
      char a = text.charAt(i);
      char b = text.charAt(i + 1);
      if (a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z' && isDigits(text, i + 2, 2)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDigits(CharSequence text, int from, int n) {
    for (int i = from; i < from + n; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean separator(char c) {
    return c == '-' || c == ' ';
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
