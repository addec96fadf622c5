<%--
  What an intruder with write access to the database (and without the chain key) does to hide an
  edit: change one record (status_code = 299 at seq=from), then give it and every later record a
  fresh plain SHA-256 hash in the published v1 canonical form (README, ChainHash), with the right
  links, and move the chain head — all in one transaction holding the head's row lock, as the
  gateway's own writer does. With downgrade=true the records' chain key ids are cleared too, so
  they pass for unkeyed records. Written from the documented format alone, not from Gatehouse code.
  Answers the new head hash.
--%><%@ page contentType="text/plain; charset=UTF-8"
  import="javax.naming.InitialContext,javax.sql.DataSource,java.sql.*,java.security.MessageDigest,java.util.HexFormat,java.time.OffsetDateTime,java.nio.charset.StandardCharsets"
%><%!
  static final String[] COLUMNS = {
    "seq", "prev_hash", "id", "started_at", "ended_at", "caller_subject", "caller_groups",
    "token_id", "client_address", "user_agent", "connection_name", "method", "path",
    "query_string", "inbound_tls_protocol", "inbound_cipher_suite", "upstream_tls_protocol",
    "upstream_cipher_suite", "decision", "reason", "status_code", "total_micros",
    "upstream_micros", "bytes_in", "bytes_out", "rule_hits", "request_transcript",
    "response_transcript", "request_body_bytes", "response_body_bytes", "transcript_truncated"
  };

  static String v1Hash(ResultSet rs) throws Exception {
    StringBuilder form = new StringBuilder("gatehouse-audit-v1\n");
    for (String column : COLUMNS) {
      String text;
      if (column.endsWith("_at")) {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        text = t == null ? null : t.toInstant().toString();
      } else {
        Object v = rs.getObject(column);
        text = v == null ? null : v.toString();
      }
      form.append(column).append('=');
      if (text == null) {
        form.append('~');
      } else {
        form.append(text.getBytes(StandardCharsets.UTF_8).length).append(':').append(text);
      }
      form.append('\n');
    }
    return HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(form.toString().getBytes(StandardCharsets.UTF_8)));
  }
%><%
if (!"POST".equals(request.getMethod())) { response.setStatus(405); return; }
long from = Long.parseLong(request.getParameter("from"));
boolean downgrade = "true".equals(request.getParameter("downgrade"));
DataSource ds = (DataSource) new InitialContext().lookup("jdbc/gatehouse");
try (Connection c = ds.getConnection()) {
  c.setAutoCommit(false);
  long head;
  try (PreparedStatement s = c.prepareStatement("SELECT last_seq FROM audit_chain_head WHERE id = 1 FOR UPDATE");
       ResultSet rs = s.executeQuery()) {
    rs.next();
    head = rs.getLong(1);
  }
  String prev;
  try (PreparedStatement s = c.prepareStatement("SELECT prev_hash FROM audit_record WHERE seq = ?")) {
    s.setLong(1, from);
    try (ResultSet rs = s.executeQuery()) { rs.next(); prev = rs.getString(1); }
  }
  try (PreparedStatement s = c.prepareStatement("UPDATE audit_record SET status_code = 299 WHERE seq = ?")) {
    s.setLong(1, from);
    s.executeUpdate();
  }
  for (long seq = from; seq <= head; seq++) {
    try (PreparedStatement s = c.prepareStatement(downgrade
        ? "UPDATE audit_record SET prev_hash = ?, chain_key_id = NULL WHERE seq = ?"
        : "UPDATE audit_record SET prev_hash = ? WHERE seq = ?")) {
      s.setString(1, prev);
      s.setLong(2, seq);
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement("SELECT * FROM audit_record WHERE seq = ?")) {
      s.setLong(1, seq);
      try (ResultSet rs = s.executeQuery()) { rs.next(); prev = v1Hash(rs); }
    }
    try (PreparedStatement s = c.prepareStatement("UPDATE audit_record SET record_hash = ? WHERE seq = ?")) {
      s.setString(1, prev);
      s.setLong(2, seq);
      s.executeUpdate();
    }
  }
  try (PreparedStatement s = c.prepareStatement("UPDATE audit_chain_head SET last_hash = ? WHERE id = 1")) {
    s.setString(1, prev);
    s.executeUpdate();
  }
  c.commit();
  out.println(prev);
}
%>
