package dev.gatehouse.console;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.ResourceBundle;

/** Page messages from the console's message bundle ({@code msg}), so no text lives in Java. */
public final class Messages {

  private Messages() {}

  /** The bundle's text for {@code key}, else for {@code fallbackKey}. */
  public static String text(String key, String fallbackKey) {
    FacesContext faces = FacesContext.getCurrentInstance();
    ResourceBundle msg = faces.getApplication().getResourceBundle(faces, "msg");
    return msg.containsKey(key) ? msg.getString(key) : msg.getString(fallbackKey);
  }

  /** Adds a page-level message; kept across a redirect when {@code keep}. */
  public static void page(FacesMessage.Severity severity, String text, boolean keep) {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (keep) {
      faces.getExternalContext().getFlash().setKeepMessages(true);
    }
    faces.addMessage(null, new FacesMessage(severity, text, null));
  }

  /** Adds a message beside the field with client id {@code clientId}, and fails validation. */
  public static void field(String clientId, String text) {
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    faces.validationFailed();
  }
}
