package dev.gatehouse.api;

import dev.gatehouse.api.security.RequiresRole;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The operations the JAX-RS resources of the web module answer, found by reflection. */
final class ResourceOperations {

  /** A path parameter with a regular expression, {@code {path: (/.*)?}}. */
  private static final Pattern TEMPLATE_WITH_REGEX = Pattern.compile("\\{\\s*(\\w+)\\s*:[^}]*}");

  private ResourceOperations() {}

  /**
   * One operation: its HTTP method and full path template as OpenAPI writes it (the application
   * path is the root), the roles of its {@link RequiresRole} ({@code null}: none), and whether it
   * reads an {@code If-Match}.
   */
  record Operation(String method, String path, Set<String> roles, boolean readsIfMatch) {

    String key() {
      return method + " " + path;
    }
  }

  /** Every {@code @Path} class under {@code dev.gatehouse.api} in the module's classes. */
  static List<Class<?>> resourceClasses() {
    java.nio.file.Path classes;
    try {
      classes =
          java.nio.file.Path.of(
              GatehouseApplication.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<Class<?>> resources = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = Files.walk(classes.resolve("dev/gatehouse/api"))) {
      for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(file).toString().replace('/', '.').replace('\\', '.');
        Class<?> type = load(name.substring(0, name.length() - ".class".length()));
        if (type.isAnnotationPresent(Path.class)) {
          resources.add(type);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    resources.sort(Comparator.comparing(Class::getName));
    return resources;
  }

  /** The operations of these resource classes. */
  static List<Operation> of(List<Class<?>> resources) {
    List<Operation> operations = new ArrayList<>();
    for (Class<?> resource : resources) {
      String base = resource.getAnnotation(Path.class).value();
      for (Method method : resource.getMethods()) {
        String httpMethod = httpMethod(method);
        Path sub = method.getAnnotation(Path.class);
        if (httpMethod == null) {
          if (sub != null) {
            throw new IllegalStateException(
                "Sub-resource locators are not walked by this check: " + method);
          }
          continue;
        }
        String path = template(base, sub == null ? "" : sub.value());
        RequiresRole roles = method.getAnnotation(RequiresRole.class);
        if (roles == null) {
          roles = resource.getAnnotation(RequiresRole.class);
        }
        operations.add(new Operation(httpMethod, path, roleNames(roles), readsIfMatch(method)));
      }
    }
    operations.sort(Comparator.comparing(Operation::key));
    return operations;
  }

  /** {@code /api/v1/policies/{id}} from {@code api/v1/policies} and {@code {id}}. */
  static String template(String classPath, String methodPath) {
    String joined =
        "/" + strip(classPath) + (strip(methodPath).isEmpty() ? "" : "/" + strip(methodPath));
    return TEMPLATE_WITH_REGEX.matcher(joined.replaceAll("/+$", "")).replaceAll("{$1}");
  }

  private static String strip(String segment) {
    return segment.replaceAll("^/+", "").replaceAll("/+$", "");
  }

  private static String httpMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value().toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }

  private static Set<String> roleNames(RequiresRole roles) {
    if (roles == null) {
      return null;
    }
    Set<String> names = new TreeSet<>();
    Arrays.stream(roles.value()).forEach(r -> names.add(r.name().toLowerCase(Locale.ROOT)));
    return names;
  }

  private static boolean readsIfMatch(Method method) {
    for (Parameter parameter : method.getParameters()) {
      HeaderParam header = parameter.getAnnotation(HeaderParam.class);
      if (header != null && header.value().equalsIgnoreCase("If-Match")) {
        return true;
      }
    }
    return false;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, ResourceOperations.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
