/** Connections: the registry list, the editor and the connection test. */
package dev.gatehouse.console.connections;
