package dev.gatehouse.connection;

/**
 * A connection was created, changed, re-sealed or deleted (fired inside the changing transaction).
 */
public record ConnectionChanged(String name) {}
