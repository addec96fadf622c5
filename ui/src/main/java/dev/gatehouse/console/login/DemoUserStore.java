package dev.gatehouse.console.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The demo users of a domain made by {@code gatehouse up}: one line per user, {@code <name>
 * <password> <group,group>}, in the file {@code gatehouse.console.demo-users-file} that {@code up}
 * writes with random passwords (mode 600, beside the dev issuer's private key, which can mint any
 * token anyway — so the passwords are kept as they are, for the operator to read). Only present in
 * demo mode (see {@link LoginSelection}); there is no built-in user and no default password.
 */
@ApplicationScoped
public class DemoUserStore implements IdentityStore {

  private static final Logger LOG = Logger.getLogger(DemoUserStore.class.getName());

  @Inject
  @ConfigProperty(name = ConsoleLogin.DEMO_USERS_FILE)
  Optional<String> file;

  public CredentialValidationResult validate(UsernamePasswordCredential credential) {
    for (String line : lines()) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length < 2 || line.startsWith("#") || !parts[0].equals(credential.getCaller())) {
        continue;
      }
      byte[] given = credential.getPasswordAsString().getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(given, parts[1].getBytes(StandardCharsets.UTF_8))) {
        return CredentialValidationResult.INVALID_RESULT;
      }
      List<String> groups = parts.length > 2 ? Arrays.asList(parts[2].split(",")) : List.of();
      return new CredentialValidationResult(parts[0], new HashSet<>(groups));
    }
    return CredentialValidationResult.INVALID_RESULT;
  }

  /** The groups of a demo user, as written by {@code up}; empty for an unknown name. */
  public List<String> groupsOf(String name) {
    for (String line : lines()) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length > 2 && !line.startsWith("#") && parts[0].equals(name)) {
        return List.of(parts[2].split(","));
      }
    }
    return List.of();
  }

  private List<String> lines() {
    if (file.isEmpty() || ConsoleLogin.configured() != ConsoleLogin.DEMO) {
      return List.of();
    }
    try {
      return Files.readAllLines(Path.of(file.get()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Cannot read the demo users file {0}", file.get());
      return List.of();
    }
  }
}
