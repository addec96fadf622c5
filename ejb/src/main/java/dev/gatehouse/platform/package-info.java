/**
 * Plumbing every wing shares and none owns: schema migrations run at deployment and JPA converters.
 */
package dev.gatehouse.platform;
