package dev.gatehouse.api.security;

import dev.gatehouse.identity.OperatorRole;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An admin API resource or method for callers holding at least one of these roles; enforced by
 * {@link OperatorAuthentication}. A method's annotation replaces its class's.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresRole {
  OperatorRole[] value();
}
