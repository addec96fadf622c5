/**
 * A demo AI-agent backend that Gatehouse can be pointed at: an HTTPS server speaking a small
 * OpenAI-compatible API (models, chat completions with streaming, ReAct-style tools) plus optional
 * test endpoints that let integration tests observe exactly what the gateway forwarded. It runs as
 * its own process on the bare JDK ({@code com.sun.net.httpserver}) and is not meant for production.
 */
package dev.gatehouse.demo.agent;
