package dev.gatehouse.connection;

/** One invalid field of a request: its name (a JSON property path) and what is wrong with it. */
public record FieldError(String field, String message) {}
