package dev.gatehouse.platform;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider, looked up once. {@code Jsonp.PROVIDER.createParser} and its siblings
 * look the provider up through {@code ServiceLoader} on every call, which in Payara walks every
 * class loader of the EAR and its bundles: on the proxy path that lookup alone took a quarter of
 * the CPU (JFR, {@code bench/run}, 1,500 req/s). Use {@code Jsonp.PROVIDER.createX(…)} instead of
 * {@code Jsonp.PROVIDER.createX(…)} in code that runs per request.
 */
public final class Jsonp {

  public static final JsonProvider PROVIDER = JsonProvider.provider();

  private Jsonp() {}
}
