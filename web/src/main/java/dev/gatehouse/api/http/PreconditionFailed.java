package dev.gatehouse.api.http;

/**
 * An {@code If-Match} that does not name the resource's current state: answered 412 {@code
 * stale_version}, the reason connections have always answered with.
 */
public class PreconditionFailed extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PreconditionFailed(String detail) {
    super(detail, null, false, false);
  }
}
