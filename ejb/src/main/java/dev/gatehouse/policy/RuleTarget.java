package dev.gatehouse.policy;

/** What part of a request a deny rule looks at. */
public enum RuleTarget {
  /** The HTTP method. */
  METHOD,
  /** The path below the connection, as a glob ({@code *} within a segment, {@code **} across). */
  PATH_GLOB,
  /** The values of the header named by the rule's selector. */
  HEADER,
  /** The string values at (and below) the JSON Pointer in the rule's selector. */
  JSON_POINTER,
  /** The whole body (for JSON, every string value with escapes resolved) and the query string. */
  BODY,
  /**
   * An agent's tool call (MCP {@code tools/call}, a tool an OpenAI request offers): the tool's name
   * by the glob in the rule's selector, and the pattern over its canonical arguments (or the value
   * at the rule's argument pointer); an empty pattern matches every call of the tool.
   */
  TOOL
}
