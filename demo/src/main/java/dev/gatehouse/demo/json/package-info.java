/**
 * A minimal, dependency-free JSON reader and writer shared by the demo agent and the dev token
 * issuer. The demo module must run on a bare JDK, so instead of a JSON library it carries this
 * small strict RFC 8259 implementation that maps JSON onto plain {@code Map}, {@code List}, {@code
 * String}, {@code Number}, {@code Boolean} and {@code null}.
 */
package dev.gatehouse.demo.json;
