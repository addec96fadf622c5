package dev.gatehouse.demo.issuer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * PEM armour for DER-encoded keys, so that the key files are readable by OpenSSL and by the
 * gateway's MicroProfile JWT {@code publickey.location} setting.
 */
final class Pem {

  static final String PRIVATE_KEY = "PRIVATE KEY";
  static final String PUBLIC_KEY = "PUBLIC KEY";

  private Pem() {}

  static String encode(String type, byte[] der) {
    Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    return "-----BEGIN "
        + type
        + "-----\n"
        + base64.encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /**
   * Extracts the DER bytes of the first block of the given type.
   *
   * @throws IllegalArgumentException if there is no such block or its content is not base64
   */
  static byte[] decode(String type, String pem) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int start = pem.indexOf(begin);
    int stop = start < 0 ? -1 : pem.indexOf(end, start);
    if (start < 0 || stop < 0) {
      throw new IllegalArgumentException("No " + type + " block found");
    }
    String body = pem.substring(start + begin.length(), stop);
    return Base64.getMimeDecoder().decode(body.replaceAll("\\s", ""));
  }
}
