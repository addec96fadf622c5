package dev.gatehouse.console.login;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Which login the console offers, decided once at deployment from configuration: the OpenID Connect
 * provider when {@code gatehouse.console.oidc.provider-uri} is set; otherwise, in demo mode ({@code
 * gatehouse.mode=demo}) with a demo users file, a password form for those users; otherwise none
 * (every page then explains how to configure a login).
 */
public enum ConsoleLogin {
  OIDC,
  DEMO,
  NONE;

  static final String PROVIDER_URI = "gatehouse.console.oidc.provider-uri";
  static final String DEMO_USERS_FILE = "gatehouse.console.demo-users-file";

  public static ConsoleLogin configured() {
    Config config = ConfigProvider.getConfig(ConsoleLogin.class.getClassLoader());
    if (value(config, PROVIDER_URI).isPresent()) {
      return OIDC;
    }
    boolean demo = value(config, "gatehouse.mode").map("demo"::equals).orElse(false);
    return demo && value(config, DEMO_USERS_FILE).isPresent() ? DEMO : NONE;
  }

  static Optional<String> value(Config config, String key) {
    return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
  }
}
