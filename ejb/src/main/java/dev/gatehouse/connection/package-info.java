/**
 * The registry of backends Gatehouse fronts: each {@link
 * dev.gatehouse.connection.BackendConnection} with the credential the gateway injects (sealed at
 * rest by {@link dev.gatehouse.connection.SecretCipher}), the TLS it demands of the backend, its
 * timeouts and the groups that may use it. The data path reads immutable {@link
 * dev.gatehouse.connection.UpstreamTarget} snapshots from {@link
 * dev.gatehouse.connection.ConnectionDirectory}.
 */
package dev.gatehouse.connection;
