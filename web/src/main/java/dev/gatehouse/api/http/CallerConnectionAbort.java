package dev.gatehouse.api.http;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Breaks off the caller's connection without ending its response, so that a body the backend cut
 * short never looks complete: with chunked framing the caller sees the connection close before the
 * terminating chunk, with a {@code Content-Length} it sees too few bytes.
 *
 * <p>The Servlet API has no way to abort a committed response (jakartaee/servlet#98), and Jersey
 * ends a response normally after a {@code StreamingOutput} fails. So this reaches, once the
 * response is committed, the Grizzly connection under Payara's request facade ({@code
 * RequestFacade.getUnwrappedCoyoteRequest().getCoyoteRequest().getConnection()}) and closes it. A
 * graceful close ({@code closeSilently()}) rather than {@code terminate()}: what was already
 * written is still flushed, then the TLS session and the socket are closed; the container's own
 * final chunk, written later, is refused by the closed connection. On a container without that path
 * the abort reports {@code false} and the response ends as the container ends it (logged once).
 *
 * <p>The container's own request object is needed, not the proxy that JAX-RS and CDI inject (it may
 * be used from another thread once the request is suspended), so {@link RequestFramingFilter}
 * attaches an abort bound to it to every request, and the relay takes it with {@link #of}.
 */
public final class CallerConnectionAbort {

  private static final String ATTRIBUTE = CallerConnectionAbort.class.getName();

  private static final Logger LOG = Logger.getLogger(CallerConnectionAbort.class.getName());
  private static volatile boolean unsupportedLogged;

  private CallerConnectionAbort() {}

  /** Attaches to the container's request the abort of its own connection. */
  static void attach(HttpServletRequest request) {
    Runnable abort = () -> abort(request);
    request.setAttribute(ATTRIBUTE, abort);
  }

  /**
   * The abort of the connection {@code request} arrived on; a no-op (logged once) when no filter
   * attached one.
   */
  public static Runnable of(HttpServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof Runnable abort
        ? abort
        : () -> logUnsupported(new IllegalStateException("no abort attached to the request"));
  }

  /**
   * Closes the connection the request arrived on.
   *
   * @return whether the connection was closed
   */
  static boolean abort(ServletRequest request) {
    ServletRequest unwrapped = request;
    while (unwrapped instanceof ServletRequestWrapper wrapper) {
      unwrapped = wrapper.getRequest();
    }
    try {
      Object catalinaRequest = invoke(unwrapped, "getUnwrappedCoyoteRequest");
      Object grizzlyRequest = invoke(catalinaRequest, "getCoyoteRequest");
      Object connection = invoke(grizzlyRequest, "getConnection");
      invoke(connection, "closeSilently");
      return true;
    } catch (ReflectiveOperationException | RuntimeException unsupported) {
      logUnsupported(unsupported);
      return false;
    }
  }

  private static void logUnsupported(Exception why) {
    if (!unsupportedLogged) {
      unsupportedLogged = true;
      LOG.log(
          Level.WARNING,
          "Cannot abort a caller's connection on this container; a response cut short by its"
              + " backend ends normally (the audit record still says relay_interrupted)",
          why);
    }
  }

  private static Object invoke(Object target, String method) throws ReflectiveOperationException {
    Method m = publicMethod(target.getClass(), method);
    return m.invoke(target);
  }

  /**
   * The method as declared by a public type, so that it can be called without opening the
   * container's packages: the runtime classes are public, but interfaces such as Grizzly's {@code
   * Connection} are implemented by package-private classes.
   */
  private static Method publicMethod(Class<?> type, String name) throws NoSuchMethodException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (java.lang.reflect.Modifier.isPublic(c.getModifiers())) {
        try {
          return c.getMethod(name);
        } catch (NoSuchMethodException ignored) {
          // look further up, or in the interfaces
        }
      }
      for (Class<?> i : c.getInterfaces()) {
        try {
          return i.getMethod(name);
        } catch (NoSuchMethodException ignored) {
          // next interface
        }
      }
    }
    throw new NoSuchMethodException(type.getName() + "." + name + "()");
  }
}
