/**
 * What every request must be before any resource sees it: unambiguous HTTP/1.1 framing and a
 * bounded header block. Refusals are problem documents with an audit record, and close the
 * connection.
 */
package dev.gatehouse.api.http;
