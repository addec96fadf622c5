/**
 * What the proxy and every feature wing must all see: the {@link
 * dev.gatehouse.exchange.ProxyExchange} passed through the interceptor chain, the {@link
 * dev.gatehouse.exchange.Decision} it ends in, the refusal that carries a problem document's facts,
 * and the one place that fixes interceptor order. Kept below both the proxy and the wings so that
 * neither has to import the other.
 */
package dev.gatehouse.exchange;
