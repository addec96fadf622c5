/**
 * Integration tests against a real, hardened Payara domain, a real HTTPS backend (the demo agent
 * with its test endpoints) and real TLS on both legs. {@link dev.gatehouse.it.TestDomain} knows
 * where everything runs.
 */
package dev.gatehouse.it;
