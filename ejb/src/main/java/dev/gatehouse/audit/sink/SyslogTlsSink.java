package dev.gatehouse.audit.sink;

import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.audit.ChainCheckpoint;
import dev.gatehouse.audit.OcsfEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Syslog over TLS: each record one RFC 5424 message whose MSG is the record's JSON event ({@link
 * OcsfEvent}), framed by octet counting ({@code MSG-LEN SP SYSLOG-MSG}, RFC 5425) on a TLS 1.3/1.2
 * connection whose certificate must chain to the configured CA and match the host name.
 *
 * <p>RFC 5425 has no acknowledgement, and a write into a connection the receiver has already
 * dropped can succeed locally and still be lost. So each batch gets its own connection, and it
 * counts as delivered only when, after our {@code close_notify}, the receiver closes its side too:
 * it has then read everything before it. No close within the timeout, a reset or any error and the
 * batch is sent again (duplicates carry the same {@code seq} in the structured data).
 *
 * <p>Message: {@code <PRI>1 TIMESTAMP HOSTNAME gatehouse - MSGID [gatehouse@32473 seq="N" id="…"]
 * {json}} — facility configurable (default 13, log audit), severity 6 (informational) for allowed
 * requests, 5 (notice) for admin events, 4 (warning) otherwise; MSGID {@code request} or {@code
 * admin}; TIMESTAMP the record's start. MSG is sent as MSG-ANY without a BOM, so receivers can
 * parse it as JSON. An event larger than the message limit is sent without its transcripts.
 */
final class SyslogTlsSink implements AuditSink {

  /** The private enterprise number reserved for documentation (RFC 5612). */
  static final String SD_ID = "gatehouse@32473";

  private final String host;
  private final int port;
  private final SSLContext tls;
  private final int batchSize;
  private final int facility;
  private final String hostname;
  private final int maxMessageBytes;
  private final int timeoutMillis;

  SyslogTlsSink(
      String host,
      int port,
      SSLContext tls,
      int batchSize,
      int facility,
      String hostname,
      int maxMessageBytes,
      int timeoutMillis) {
    this.host = host;
    this.port = port;
    this.tls = tls;
    this.batchSize = Math.max(1, batchSize);
    this.facility = facility;
    this.hostname = printable(hostname, 255);
    this.maxMessageBytes = Math.max(2048, maxMessageBytes);
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public String name() {
    return "syslog";
  }

  @Override
  public String target() {
    return host + ":" + port;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public void deliver(List<AuditRecord> records) throws IOException {
    ByteArrayOutputStream frames = new ByteArrayOutputStream();
    for (AuditRecord r : records) {
      frames.write(frame(message(r)));
    }
    send(frames);
  }

  @Override
  public void deliverCheckpoints(List<ChainCheckpoint> checkpoints) throws IOException {
    ByteArrayOutputStream frames = new ByteArrayOutputStream();
    for (ChainCheckpoint cp : checkpoints) {
      frames.write(frame(message(cp)));
    }
    send(frames);
  }

  private void send(ByteArrayOutputStream frames) throws IOException {
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
      SSLParameters params = socket.getSSLParameters();
      params.setProtocols(SinkTls.PROTOCOLS);
      params.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(params);
      socket.setSoTimeout(timeoutMillis);
      socket.connect(new InetSocketAddress(host, port), timeoutMillis);
      socket.startHandshake();
      OutputStream out = socket.getOutputStream();
      frames.writeTo(out);
      out.flush();
      socket.shutdownOutput();
      awaitClose(socket.getInputStream());
    }
  }

  /** Waits for the receiver to close its side: proof that it read all we sent. */
  private void awaitClose(InputStream in) throws IOException {
    byte[] sink = new byte[512];
    try {
      while (in.read(sink) >= 0) {
        // a syslog receiver sends nothing; ignore whatever it does
      }
    } catch (SocketTimeoutException e) {
      throw new IOException(
          "the receiver did not confirm the batch (close its side) within " + timeoutMillis + " ms",
          e);
    }
  }

  /** One RFC 5424 message for a record. */
  String message(AuditRecord r) {
    String decision = r.getDecision().name();
    boolean admin = "ADMIN".equals(decision);
    int severity =
        admin
            ? 5
            : ("ALLOWED".equals(decision)
                    || "RELEASED".equals(decision)
                    || "PENDING".equals(decision))
                ? 6
                : 4;
    String header =
        "<"
            + (facility * 8 + severity)
            + ">1 "
            + timestamp(r.getStartedAt())
            + " "
            + hostname
            + " gatehouse - "
            + (admin ? "admin" : "request")
            + " ["
            + SD_ID
            + " seq=\""
            + r.getSeq()
            + "\" id=\""
            + r.getId()
            + "\"] ";
    String message = header + OcsfEvent.line(r, true);
    if (message.getBytes(StandardCharsets.UTF_8).length > maxMessageBytes) {
      message = header + OcsfEvent.line(r, false);
    }
    return message;
  }

  /**
   * One RFC 5424 message for a checkpoint: severity 5 (notice), MSGID {@code checkpoint}, TIMESTAMP
   * the checkpoint's time, structured data {@code [gatehouse@32473 seq="N" hash="…"]}, MSG its JSON
   * line.
   */
  String message(ChainCheckpoint cp) {
    return "<"
        + (facility * 8 + 5)
        + ">1 "
        + timestamp(cp.createdAt())
        + " "
        + hostname
        + " gatehouse - checkpoint ["
        + SD_ID
        + " seq=\""
        + cp.seq()
        + "\" hash=\""
        + cp.recordHash()
        + "\"] "
        + cp.jsonLine();
  }

  /** RFC 5425 octet counting: the message's length in bytes, a space, the message. */
  static byte[] frame(String message) {
    byte[] body = message.getBytes(StandardCharsets.UTF_8);
    byte[] prefix = (body.length + " ").getBytes(StandardCharsets.US_ASCII);
    byte[] frame = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, frame, 0, prefix.length);
    System.arraycopy(body, 0, frame, prefix.length, body.length);
    return frame;
  }

  /** RFC 5424 TIMESTAMP: RFC 3339 in UTC, at most microseconds (records are stored so). */
  static String timestamp(Instant t) {
    return t.toString();
  }

  /** HOSTNAME and other header fields are printable US-ASCII without spaces, else {@code -}. */
  static String printable(String value, int max) {
    if (value == null || value.isEmpty()) {
      return "-";
    }
    StringBuilder out = new StringBuilder();
    for (char ch : value.toCharArray()) {
      if (ch > 32 && ch < 127 && out.length() < max) {
        out.append(ch);
      }
    }
    return out.length() == 0 ? "-" : out.toString();
  }

  @Override
  public void close() {
    // a connection lives only for one batch
  }
}
