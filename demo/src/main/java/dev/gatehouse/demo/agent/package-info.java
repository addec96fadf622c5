/**
 * A demo AI-agent backend that Gatehouse can be pointed at: an HTTPS server speaking a small
 * OpenAI-compatible API (models, chat completions with streaming, ReAct-style tools) plus optional
 * test endpoints that let integration tests observe exactly what the gateway forwarded, and an MCP
 * endpoint built on the official MCP Java SDK. It runs as its own process on embedded Jetty (the
 * original {@code com.sun.net.httpserver} handlers run through {@link
 * dev.gatehouse.demo.agent.ExchangeBridge}) and is not meant for production.
 */
package dev.gatehouse.demo.agent;
