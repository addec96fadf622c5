/**
 * The demo-mode JWT issuer: a command-line tool that creates an RSA key pair and mints RS256 tokens
 * that Gatehouse's MicroProfile JWT configuration accepts in demo mode. It stands in for a real
 * identity provider so the demo needs no external services; it is not for production use.
 */
package dev.gatehouse.demo.issuer;
