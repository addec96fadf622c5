/**
 * What every request must be before any resource sees it: unambiguous HTTP/1.1 framing and a
 * bounded header block. Refusals are problem documents with an audit record, and close the
 * connection. And what the request itself says of where it was sent ({@link
 * dev.gatehouse.api.http.RequestOrigin}), and the admin API's optimistic concurrency: strong entity
 * tags ({@link dev.gatehouse.api.http.EntityTags}) and the {@code If-Match} precondition ({@link
 * dev.gatehouse.api.http.IfMatch}).
 */
package dev.gatehouse.api.http;
