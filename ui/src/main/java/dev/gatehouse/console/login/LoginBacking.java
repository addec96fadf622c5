package dev.gatehouse.console.login;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ResourceBundle;

/** {@code login.xhtml}: the demo users' password form, or how to configure a login. */
@Named
@RequestScoped
public class LoginBacking {

  @Inject SecurityContext security;

  @Inject FacesContext faces;

  private String username;
  private String password;

  public ConsoleLogin getLogin() {
    return ConsoleLogin.configured();
  }

  public void signIn() throws IOException {
    ExternalContext external = faces.getExternalContext();
    AuthenticationStatus status =
        security.authenticate(
            (HttpServletRequest) external.getRequest(),
            (HttpServletResponse) external.getResponse(),
            AuthenticationParameters.withParams()
                .newAuthentication(true)
                .credential(new UsernamePasswordCredential(username, new Password(password))));
    password = null;
    if (status == AuthenticationStatus.SUCCESS) {
      external.redirect(external.getRequestContextPath() + "/");
      faces.responseComplete();
    } else if (status != AuthenticationStatus.SEND_CONTINUE) {
      ResourceBundle msg = faces.getApplication().getResourceBundle(faces, "msg");
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_ERROR, msg.getString("login.failed"), null));
    }
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return null;
  }

  public void setPassword(String password) {
    this.password = password;
  }
}
