/**
 * The proxy entrance {@code /gw/{connection}/{path…}}: HTTP in, {@code ProxyService} call, stream
 * out.
 */
package dev.gatehouse.api.proxy;
