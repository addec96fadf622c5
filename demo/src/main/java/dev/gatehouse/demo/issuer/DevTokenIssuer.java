package dev.gatehouse.demo.issuer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Command-line JWT issuer for Gatehouse's demo mode. <strong>A demo tool, not an identity
 * provider</strong>: it lets a developer obtain tokens the gateway accepts without running Keycloak
 * or similar, by holding an RSA key whose public half the gateway is configured to trust.
 *
 * <pre>
 * java -cp gatehouse-demo.jar dev.gatehouse.demo.issuer.DevTokenIssuer init --dir DIR
 * java -cp gatehouse-demo.jar dev.gatehouse.demo.issuer.DevTokenIssuer mint --dir DIR \
 *     --issuer ISS --audience AUD --subject SUB [--groups g1,g2] [--ttl 15m]
 * </pre>
 *
 * <p>{@code init} creates {@code private.pem}, {@code public.pem} and {@code kid} in DIR (leaving
 * existing keys alone); {@code mint} prints exactly one RS256 token on stdout. Errors go to stderr
 * with exit code 2.
 */
public final class DevTokenIssuer {

  static final int EXIT_OK = 0;
  static final int EXIT_ERROR = 2;

  static final String USAGE =
      "Usage:\n"
          + "  DevTokenIssuer init --dir DIR\n"
          + "  DevTokenIssuer mint --dir DIR --issuer ISS --audience AUD --subject SUB"
          + " [--groups g1,g2] [--ttl 15m]";

  private DevTokenIssuer() {}

  public static void main(String[] args) {
    int exitCode = run(args, System.out, System.err);
    System.out.flush();
    if (exitCode != EXIT_OK) {
      System.exit(exitCode);
    }
  }

  /** Runs one command; returns the process exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(USAGE);
      return EXIT_ERROR;
    }
    if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      out.println(USAGE);
      return EXIT_OK;
    }
    List<String> options = Arrays.asList(args).subList(1, args.length);
    try {
      switch (args[0]) {
        case "init" -> init(CommandOptions.parse(options, Set.of("dir")), out);
        case "mint" ->
            mint(
                CommandOptions.parse(
                    options, Set.of("dir", "issuer", "audience", "subject", "groups", "ttl")),
                out);
        default -> throw new IssuerException("Unknown command '" + args[0] + "'\n" + USAGE);
      }
      return EXIT_OK;
    } catch (IssuerException e) {
      err.println("DevTokenIssuer: " + e.getMessage());
      return EXIT_ERROR;
    }
  }

  private static void init(CommandOptions options, PrintStream out) throws IssuerException {
    Path directory = Path.of(options.required("dir"));
    IssuerKeys keys = new IssuerKeys(directory);
    if (keys.initialize()) {
      out.println(
          "Generated an RSA "
              + IssuerKeys.RSA_KEY_BITS
              + " key pair in "
              + directory
              + " (kid "
              + keys.loadKid()
              + ")");
    } else {
      out.println("Keys already exist in " + directory + "; left unchanged");
    }
  }

  private static void mint(CommandOptions options, PrintStream out) throws IssuerException {
    IssuerKeys keys = new IssuerKeys(Path.of(options.required("dir")));
    Duration ttl;
    try {
      ttl = options.optional("ttl").map(TimeToLive::parse).orElse(TimeToLive.DEFAULT);
    } catch (IllegalArgumentException e) {
      throw new IssuerException(e.getMessage(), e);
    }
    TokenClaims claims =
        new TokenClaims(
            options.required("issuer"),
            options.required("audience"),
            options.required("subject"),
            parseGroups(options.optional("groups").orElse("")),
            ttl);
    TokenMinter minter = new TokenMinter(keys.loadPrivateKey(), keys.loadKid());
    try {
      out.println(minter.mint(claims, Instant.now()));
    } catch (GeneralSecurityException e) {
      throw new IssuerException("Cannot sign the token: " + e, e);
    }
  }

  /** Comma-separated group names; blanks are dropped, so {@code ""} means no groups. */
  static List<String> parseGroups(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(g -> !g.isEmpty()).toList();
  }
}
