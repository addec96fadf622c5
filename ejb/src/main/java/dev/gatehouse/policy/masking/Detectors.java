package dev.gatehouse.policy.masking;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in detectors, most specific first: when two matches start at the same place and are as
 * long, the earlier detector names the finding ({@code "api_key": "sk-ant-…"} is reported as an
 * Anthropic key, not a generic secret).
 *
 * <p>All patterns are RE2/J: matching time is linear in the input whatever the input is. They are
 * compiled once, here.
 */
public final class Detectors {

  private static final String SECRET_NAMES =
      "(?:password|passwd|passphrase|pwd|secret|client_secret|token|access_token|refresh_token"
          + "|auth_token|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key"
          + "|credentials?)";

  /** Names that say secret in a JSON member only: as a text assignment the scheme comes first. */
  private static final String JSON_SECRET_NAMES = "(?:" + SECRET_NAMES + "|authorization|cookie)";

  /**
   * Name endings that may say secret ({@code DATADOG_APP_KEY}, {@code auth}, {@code
   * _gitlab_session}) or not ({@code sort_key}): assignments to them are taken only when the value
   * looks random.
   */
  private static final String KEY_NAMES = "(?:key|auth|creds|session|cookie|signature)";

  /**
   * What follows a secret's name: an optional closing quote of the name (PHP and Python
   * dictionaries write {@code 'password' => '…'}, {@code 'password': '…'}), then {@code =}, {@code
   * :}, {@code :=}, {@code =>} or {@code ?=}. A double-quoted name takes only the arrows, so that a
   * JSON member (whose value is a separate string) is left to {@code secret_json_field}.
   */
  private static final String ASSIGNED =
      "(?:\"\\s*(?:=>|:=|\\?=)|'?\\s*(?::=|=>|\\?=|[:=]))\\s*[\"']?";

  /** Literals of which one occurs, in any case, in every secret name above. */
  private static final String[] SECRET_HINTS = {
    "passw", "passphrase", "pwd", "secret", "token", "key", "credential"
  };

  private static final String[] JSON_SECRET_HINTS = {
    "passw", "passphrase", "pwd", "secret", "token", "key", "credential", "authorization", "cookie"
  };

  /** The longest text any built-in detector except the PEM block matches, in characters. */
  public static final int LONGEST_TOKEN = 8192;

  // Fewest digits: a card has 13, an SSN 9; a phone number 10 (its validator); an IBAN's check
  // digits 2; an IPv4 address 4.
  private static final Alphabet GROUPED_DIGITS = new Alphabet("0-9 -", 9, 9);
  private static final Alphabet PHONE = new Alphabet("0-9 +().-", 10, 10);
  private static final Alphabet IBAN = new Alphabet("A-Z0-9 ", 15, 2);
  private static final Alphabet IPV4 = new Alphabet("0-9.", 7, 4);
  private static final Alphabet IPV6 = new Alphabet("0-9a-fA-F:", 3);

  // Token tails are written `[…]+` and their least length checked by the validator, not `[…]{20,}`:
  // the same matches (a greedy tail always runs to the end of its run), but RE2/J's NFA then keeps
  // one thread per tail instead of one per counted copy — several times faster on every key found.
  // TokenPatternsTest holds the counted forms and checks both agree.
  private static final String[] STRIPE_PREFIXES = {
    "sk_live_", "rk_live_", "sk_test_", "rk_test_", "sk_prod_", "rk_prod_"
  };

  /** The detectors of the best-known tokens, their shapes hand-written (see the end). */
  private static final List<Detector> KNOWN_TOKENS =
      List.of(
          d(
              "pem_private_key",
              "PRIVATE_KEY",
              "-----BEGIN (?:[A-Z0-9_-]+ )*PRIVATE KEY(?: BLOCK)?-----(?s:.*?)"
                  + "(?:-----END (?:[A-Z0-9_-]+ )*PRIVATE KEY(?: BLOCK)?-----|$)",
              0,
              null,
              anchored(Locators.block(), Starts.literal("-----BEGIN"), "-----BEGIN")),
          d(
              "aws_access_key_id",
              "AWS_ACCESS_KEY",
              "\\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\\b",
              0,
              null,
              token(0, "A3T", "AKIA", "ASIA", "ABIA", "ACCA")),
          d(
              "aws_secret_access_key",
              "AWS_SECRET_KEY",
              "(?i:aws)[A-Za-z0-9_\\-]*(?i:secret)[A-Za-z0-9_\\-]*[\"']?\\s*[:=]\\s*[\"']?"
                  + "([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)",
              1,
              null,
              anchored(Locators::awsSecret, Starts.anyCase("aws"), "aws")),
          d(
              "github_token",
              "GITHUB_TOKEN",
              "\\b(?:gh[posur]_[A-Za-z0-9]+|github_pat_[A-Za-z0-9_]+)\\b",
              0,
              // The classic 36-character tails end in their checksum; longer forms publish none.
              (t, s, e) ->
                  t.charAt(s + 2) == 't'
                      ? e - s - 11 >= 22
                      : e - s - 4 > 36 || (e - s - 4 == 36 && Checksums.base62Crc32(t, s + 4, e)),
              token(0, "ghp_", "gho_", "ghs_", "ghu_", "ghr_", "github_pat_")),
          d(
              "gitlab_token",
              "GITLAB_TOKEN",
              "\\bgl(?:pat|dt|ptt|rt)-[A-Za-z0-9_\\-]+",
              0,
              (t, s, e) -> e - Checks.after(t, s, '-') >= 20,
              token(0, "glpat-", "gldt-", "glptt-", "glrt-")),
          d(
              "slack_token",
              "SLACK_TOKEN",
              "\\b(?:xox[abposre]-|xoxe\\.xox[bp]-|xapp-)[A-Za-z0-9\\-]+",
              0,
              (t, s, e) -> e - Checks.after(t, s, '-') >= 10,
              token(0, "xox", "xapp-")),
          d(
              "stripe_key",
              "STRIPE_KEY",
              "\\b(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]+",
              0,
              (t, s, e) -> e - s - 8 >= 16,
              token(0, STRIPE_PREFIXES)),
          d(
              "google_api_key",
              "GOOGLE_API_KEY",
              "\\bAIza[0-9A-Za-z_\\-]{35}",
              0,
              null,
              token(0, "AIza")),
          d(
              "anthropic_key",
              "ANTHROPIC_KEY",
              "\\bsk-ant-[A-Za-z0-9_\\-]+",
              0,
              (t, s, e) -> e - s - 7 >= 20,
              token(0, "sk-ant-")),
          d(
              "openai_key",
              "OPENAI_KEY",
              "\\bsk-[A-Za-z0-9_\\-]+",
              0,
              (t, s, e) -> e - s - 3 >= 20 && Checks.mixed(t, s, e),
              token(0, "sk-")));

  /** Detectors found by a literal inside the token rather than at its start. */
  private static final List<Detector> INFIX_TOKENS =
      List.of(
          d(
              "azure_client_secret",
              "AZURE_SECRET",
              "(?:^|[^A-Za-z0-9_~.])([A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.\\-]{31,34})"
                  + "(?:$|[^A-Za-z0-9_~.\\-])",
              1,
              (t, s, e) -> Checks.entropy(t, s, e) >= 3.0,
              anchored(Locators.around(5, 36), null, "Q~")),
          d(
              "mailchimp_key",
              "MAILCHIMP_KEY",
              "\\b[a-f0-9]{32}-us[0-9]{1,2}\\b",
              0,
              (t, s, e) -> Checks.entropy(t, s, s + 32) >= 3.0,
              anchored(Locators.around(33, 3), null, "-us")),
          d(
              "maxmind_key",
              "MAXMIND_KEY",
              "\\b[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk\\b",
              0,
              (t, s, e) -> Checks.entropy(t, s, e) >= 3.5,
              anchored(Locators.around(37, 0), null, "_mmk")),
          d(
              "authress_key",
              "AUTHRESS_KEY",
              "\\b(?:sc|ext|scauth|authress)_[A-Za-z0-9]{5,30}\\.[A-Za-z0-9]{4,6}\\.acc[_-]"
                  + "[a-z0-9-]{10,32}\\.[A-Za-z0-9+/_=-]{30,120}",
              0,
              (t, s, e) -> Checks.entropy(t, s, e) >= 3.0,
              anchored(Locators.around(48, 160), null, ".acc_", ".acc-")),
          d(
              "terraform_token",
              "TERRAFORM_TOKEN",
              "\\b[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}\\b",
              0,
              (t, s, e) -> Checks.entropy(t, s, e) >= 3.5,
              anchored(Locators.around(15, 71), null, ".atlasv1.")),
          d(
              "telegram_bot_token",
              "TELEGRAM_TOKEN",
              // Often inside a URL path: https://api.telegram.org/bot<token>/getMe.
              "(?:^|[^0-9])([0-9]{8,10}:A[A-Za-z0-9_-]{34})\\b",
              1,
              (t, s, e) -> Checks.entropy(t, Checks.after(t, s, ':'), e) >= 3.5,
              anchored(Locators.around(11, 36), null, ":A")));

  /** Secrets known by what surrounds them, and personal data. */
  private static final List<Detector> IN_CONTEXT =
      List.of(
          d(
              "jwt",
              "JWT",
              "\\beyJ[A-Za-z0-9_\\-]{8,}\\.eyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}",
              0,
              null,
              token(0, "eyJ")),
          d(
              "bearer_token",
              "TOKEN",
              "(?i:bearer)\\s+([A-Za-z0-9_\\-.~+/]{16,}=*)",
              1,
              Checks::mixed,
              anchored(Locators::bearer, Starts.anyCase("bearer"), "bearer")),
          d(
              "authorization_header",
              "TOKEN",
              // Bearer has its own detector; a quoted JSON member is secret_json_field's.
              "(?i)\\bauthorization\\s*:\\s*"
                  + "(?:(?:basic|token|apikey|api-key|sso-key|negotiate|ntlm)\\s+)?"
                  + "([A-Za-z0-9+/_.~=\\-]{8,})",
              1,
              Checks::authorizationCredentials,
              anchored(Locators.around(0, 600), Starts.anyCase("authorization"), "authorization")),
          d(
              "webhook_url",
              "WEBHOOK_URL",
              "(?:https?://)?(?:hooks\\.slack\\.com/(?:services|workflows|triggers)/"
                  + "[A-Za-z0-9+/_\\-]{20,}"
                  + "|(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/"
                  + "[A-Za-z0-9_\\-]{60,68}"
                  + "|[A-Za-z0-9\\-]+\\.webhook\\.office\\.com/webhookb2/[A-Za-z0-9@/_\\-]{60,})",
              0,
              null,
              anchored(
                  Locators.url(40),
                  null,
                  "hooks.slack.com/",
                  "discord.com/api/webhooks/",
                  "discordapp.com/api/webhooks/",
                  ".webhook.office.com/")),
          d(
              "url_credentials",
              "CREDENTIALS",
              "\\b[A-Za-z][A-Za-z0-9+.\\-]*://([^\\s:/@?#\"'<>]+:[^\\s/@?#\"'<>]+)@[A-Za-z0-9\\[]",
              1,
              (t, s, e) -> Checks.notPlaceholder(t, Checks.after(t, s, ':'), e),
              anchored(Locators::urlCredentials, null, "://")),
          d(
              "cli_password",
              "PASSWORD",
              // mysql -pSECRET (with a space, -p prompts and the next word is the database),
              // sshpass -p SECRET, redis-cli -a SECRET, curl -u user:SECRET. Never across a
              // double quote: in JSON that would reach from one string into another.
              "(?:\\b(?:mysql|mariadb)[A-Za-z-]*\\b[^\\n\"]{0,200}?\\s-p"
                  + "|\\bsshpass\\s+-p\\s*"
                  + "|\\bredis-cli\\b[^\\n\"]{0,200}?\\s-a\\s+"
                  + "|\\bcurl\\b[^\\n\"]{0,300}?\\s(?:-u|--user)(?:\\s+|=)'?[^\\s:\"']*:)"
                  + "[\"']?([^\\s\"']{3,})",
              1,
              Checks::notPlaceholder,
              anchored(
                  Locators.around(0, 360),
                  null,
                  "mysql",
                  "mariadb",
                  "sshpass",
                  "redis-cli",
                  "curl")),
          d(
              "putty_private_key",
              "PRIVATE_KEY",
              "PuTTY-User-Key-File-[0-9]+: (?s:.*?)(?:Private-MAC: [0-9a-fA-F]+|$)",
              0,
              null,
              anchored(
                  Locators.block(),
                  Starts.literal("PuTTY-User-Key-File-"),
                  "PuTTY-User-Key-File-")),
          d(
              "xml_secret_setting",
              "SECRET",
              // .NET and NuGet configuration: <add key="ClearTextPassword" value="…" />.
              "(?i)<add key=\"[A-Za-z0-9_.:\\-]*" + SECRET_NAMES + "\"\\s+value=\"([^\"]+)\"",
              1,
              Checks::notPlaceholder,
              anchored(Locators.around(0, 400), Starts.character('<'), "<add key=")),
          d(
              "secret_json_field",
              "SECRET",
              "(?i)\"[A-Za-z0-9_\\-]*"
                  + JSON_SECRET_NAMES
                  + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)+)\"",
              1,
              null,
              anchored(Locators::jsonField, Starts.character('"'), JSON_SECRET_HINTS)),
          d(
              "secret_assignment",
              "SECRET",
              "(?i)\\b[A-Za-z0-9_\\-]*" + SECRET_NAMES + ASSIGNED + "([^\\s\"'&,;<>]{4,})",
              1,
              Checks::notPlaceholder,
              anchored(Locators::assignment, null, SECRET_HINTS)),
          d(
              "key_assignment",
              "SECRET",
              "(?i)\\b[A-Za-z0-9_\\-]*" + KEY_NAMES + ASSIGNED + "([A-Za-z0-9+/=_.~\\-]{16,})",
              1,
              (t, s, e) -> Checks.lettersAndDigits(t, s, e) && Checks.entropy(t, s, e) >= 3.5,
              anchored(
                  Locators::assignment,
                  null,
                  "key",
                  "auth",
                  "creds",
                  "session",
                  "cookie",
                  "signature")),
          d(
              "email",
              "EMAIL",
              "\\b[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*"
                  + "\\.[A-Za-z]{2,24}\\b",
              0,
              null,
              anchored(Locators::email, Starts::email, "@")),
          d(
              "iban",
              "IBAN",
              "\\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b",
              0,
              Checks::iban,
              // 4 + 7 groups of 5 + 4.
              new Trigger.Numeric(IBAN, Checks::ibanShape, Starts::capitalWord, 43)),
          d(
              "payment_card",
              "CARD",
              "\\b(?:[0-9][ \\-]?){12,18}[0-9]\\b",
              0,
              Checks::card,
              new Trigger.Numeric(
                  GROUPED_DIGITS,
                  (t, s, e) -> Checks.countDigits(t, s, e) >= 13,
                  CardNumbers::canStartAt,
                  CardNumbers.LONGEST)),
          d(
              "us_ssn",
              "SSN",
              "\\b[0-9]{3}[\\- ][0-9]{2}[\\- ][0-9]{4}\\b",
              0,
              Checks::ssn,
              new Trigger.Numeric(GROUPED_DIGITS, Checks::ssnShape, Starts::detachedDigit, 11)),
          d(
              "phone",
              "PHONE",
              "(?:\\+[1-9][0-9]{0,3}[ .\\-]?(?:\\(?[0-9]{1,4}\\)?[ .\\-]?){1,4}[0-9]{2,4}"
                  + "|(?:\\b1[ .\\-]?)?(?:\\([2-9][0-9]{2}\\) ?|\\b[2-9][0-9]{2}[ .\\-]?)"
                  + "[2-9][0-9]{2}[ .\\-][0-9]{4})\\b",
              0,
              Checks::phone,
              // +, 4 digits, separator, 4 groups of 7 ("(1234) "), 4 digits.
              new Trigger.Numeric(PHONE, Checks::phoneShape, Starts::phone, 38)),
          d(
              "ipv4",
              "IP",
              "\\b(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
                  + "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\b",
              0,
              Checks::ipv4,
              new Trigger.Numeric(
                  IPV4, (t, s, e) -> Checks.count(t, s, e, '.') >= 3, Starts::ipv4, 15)),
          d(
              "ipv6",
              "IP",
              "(?i)(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}",
              0,
              Checks::ipv6,
              // 7 groups of 5 ("abcd:"), 4 hex digits.
              new Trigger.Numeric(
                  IPV6, (t, s, e) -> Checks.count(t, s, e, ':') >= 2, Starts::ipv6, 39)));

  private static final List<Detector> BUILT_IN =
      join(KNOWN_TOKENS, TokenFormats.detectors(), INFIX_TOKENS, IN_CONTEXT);

  @SafeVarargs
  private static List<Detector> join(List<Detector>... lists) {
    List<Detector> all = new ArrayList<>();
    for (List<Detector> list : lists) {
      all.addAll(list);
    }
    return List.copyOf(all);
  }

  /** The built-in detectors' {@link Shape shapes}, by detector (the very instances above). */
  private static final Map<Detector, Shape> SHAPES = new IdentityHashMap<>();

  static {
    String alnum = "A-Za-z0-9";
    shape(
        "github_token",
        Shapes.token(
            true,
            "ghp_",
            alnum,
            "gho_",
            alnum,
            "ghs_",
            alnum,
            "ghu_",
            alnum,
            "ghr_",
            alnum,
            "github_pat_",
            "A-Za-z0-9_"));
    shape(
        "gitlab_token",
        Shapes.token(
            false,
            "glpat-",
            "A-Za-z0-9_-",
            "gldt-",
            "A-Za-z0-9_-",
            "glptt-",
            "A-Za-z0-9_-",
            "glrt-",
            "A-Za-z0-9_-"));
    shape(
        "slack_token",
        Shapes.token(
            false,
            "xoxa-",
            "A-Za-z0-9-",
            "xoxb-",
            "A-Za-z0-9-",
            "xoxp-",
            "A-Za-z0-9-",
            "xoxo-",
            "A-Za-z0-9-",
            "xoxs-",
            "A-Za-z0-9-",
            "xoxr-",
            "A-Za-z0-9-",
            "xoxe-",
            "A-Za-z0-9-",
            "xoxe.xoxb-",
            "A-Za-z0-9-",
            "xoxe.xoxp-",
            "A-Za-z0-9-",
            "xapp-",
            "A-Za-z0-9-"));
    String[] stripe = new String[2 * STRIPE_PREFIXES.length];
    for (int i = 0; i < STRIPE_PREFIXES.length; i++) {
      stripe[2 * i] = STRIPE_PREFIXES[i];
      stripe[2 * i + 1] = alnum;
    }
    shape("stripe_key", Shapes.token(false, stripe));
    for (TokenFormats.Format format : TokenFormats.FORMATS) {
      shape(format.name(), TokenFormats.shape(format));
    }
    shape("anthropic_key", Shapes.token(false, "sk-ant-", "A-Za-z0-9_-"));
    shape("openai_key", Shapes.token(false, "sk-", "A-Za-z0-9_-"));
    shape("email", Shapes::email);
    shape("phone", Shapes::compactPhone);
  }

  private static void shape(String name, Shape shape) {
    SHAPES.put(
        BUILT_IN.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(), shape);
  }

  private Detectors() {}

  /** The hand-written matcher of a built-in detector, or {@code null}. */
  static Shape shapeOf(Detector detector) {
    return SHAPES.get(detector);
  }

  /** The built-in detectors, in precedence order. */
  public static List<Detector> builtIn() {
    return BUILT_IN;
  }

  private static Detector d(
      String name, String label, String regex, int group, Validator validator, Trigger trigger) {
    return new Detector(name, label, Pattern.compile(regex), group, validator, trigger);
  }

  private static Trigger anchored(
      Trigger.Locator locator, Trigger.Start start, String... literals) {
    return new Trigger.Anchored(List.of(literals), locator, start);
  }

  /** A token that starts with one of the literals (or {@code lead} characters before). */
  private static Trigger token(int lead, String... literals) {
    return anchored(Locators.token(lead), Starts.wordThen(lead, literals), literals);
  }
}
