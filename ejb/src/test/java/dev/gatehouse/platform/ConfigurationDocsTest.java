package dev.gatehouse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds {@code docs/configuration.md} to the code, both ways: every configuration key a module's
 * main code names is a row of the page, and every row names a key the code still reads.
 */
class ConfigurationDocsTest {

  /** The repository, seen from this module (Maven runs a module's tests in its own folder). */
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private static final List<String> MODULES = List.of("ejb", "web", "ui");

  /** A string literal that is a key: Gatehouse's own, and the MicroProfile JWT ones we read. */
  private static final Pattern KEY_LITERAL =
      Pattern.compile("\"((?:gatehouse|mp\\.jwt)\\.[a-z0-9.-]*[a-z0-9])\"");

  /** Literals of that shape that are not keys. */
  private static final Set<String> NOT_KEYS =
      Set.of("gatehouse.audit.checkpoint"); // the type name of a checkpoint record

  private static final Pattern DOCUMENTED_KEY = Pattern.compile("(?m)^\\| `([a-z][^`]*)` \\|");

  @Test
  void everyKeyTheCodeReadsIsDocumentedAndEveryDocumentedKeyIsRead() throws IOException {
    Set<String> inCode = new TreeSet<>();
    for (String module : MODULES) {
      try (Stream<Path> files = Files.walk(REPO.resolve(module).resolve("src/main/java"))) {
        files
            .filter(f -> f.toString().endsWith(".java"))
            .forEach(f -> collect(read(f), KEY_LITERAL, inCode));
      }
    }
    inCode.removeAll(NOT_KEYS);
    Set<String> documented = new TreeSet<>();
    collect(read(REPO.resolve("docs/configuration.md")), DOCUMENTED_KEY, documented);

    assertThat(inCode).as("keys the code reads").isNotEmpty();
    assertThat(documented).as("keys missing from docs/configuration.md").containsAll(inCode);
    assertThat(inCode).as("keys documented but no longer read").containsAll(documented);
  }

  private static void collect(String text, Pattern pattern, Set<String> into) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      into.add(m.group(1));
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
