/** The approvals inbox, live over a Faces WebSocket channel. */
package dev.gatehouse.console.approvals;
