package dev.gatehouse.connection;

/** How the gateway presents a connection's secret to the backend. */
public enum CredentialKind {
  /** No credential is injected. */
  NONE,
  /** {@code Authorization: Bearer <secret>}. */
  BEARER,
  /** {@code Authorization: Basic <base64(secret)>}, the secret being {@code user:password}. */
  BASIC,
  /** A custom header named by the connection carries the secret as is. */
  HEADER
}
