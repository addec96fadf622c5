package dev.gatehouse.console.login;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import java.util.logging.Logger;

/**
 * Keeps exactly one authentication mechanism: Jakarta Security allows one per module, and the
 * OpenID Connect one is declared by an annotation that cannot be switched off by configuration. So
 * the classes of the login not chosen by {@link ConsoleLogin#configured()} are vetoed before the
 * security runtime sees them.
 */
public class LoginSelection implements Extension {

  private static final Logger LOG = Logger.getLogger(LoginSelection.class.getName());

  private ConsoleLogin login;

  <T> void select(@Observes ProcessAnnotatedType<T> type) {
    Class<T> c = type.getAnnotatedType().getJavaClass();
    boolean oidcPart = c == OidcLogin.class;
    boolean formPart = c == FormLoginMechanism.class || c == DemoUserStore.class;
    if (!oidcPart && !formPart) {
      return;
    }
    if (login == null) {
      login = ConsoleLogin.configured();
      LOG.info(() -> "Console login: " + login);
    }
    if (oidcPart != (login == ConsoleLogin.OIDC)) {
      type.veto();
    }
  }
}
