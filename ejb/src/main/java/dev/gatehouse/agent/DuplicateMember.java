package dev.gatehouse.agent;

/**
 * A JSON object that names a member twice. JSON leaves open which of the two counts (RFC 8259 §4);
 * readers differ, so the gateway refuses such an object where it reads one rather than judge one
 * value while the backend acts on the other.
 */
final class DuplicateMember extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  DuplicateMember(String name) {
    super("The member \"" + name + "\" is named twice.");
  }
}
