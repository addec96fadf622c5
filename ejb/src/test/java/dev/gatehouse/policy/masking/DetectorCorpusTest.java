package dev.gatehouse.policy.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The labelled corpus: positives for every built-in detector, each embedded in a sentence, and
 * look-alike negatives. Reports recall and false-positive rate; targets 99 % and 1 %.
 */
class DetectorCorpusTest {

  record Positive(String detector, String secret, String context) {
    String text() {
      return context.replace("%s", secret);
    }
  }

  static final List<Positive> POSITIVES =
      List.of(
          p("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE", "export AWS_ACCESS_KEY_ID=%s"),
          p("aws_access_key_id", "ASIAY34FZKBOKMUTVV7A", "the key %s was rotated"),
          p(
              "aws_secret_access_key",
              "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
              "aws_secret_access_key = %s\n"),
          p(
              "aws_secret_access_key",
              "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
              "AWS_SECRET_ACCESS_KEY=\"%s\""),
          p("github_token", "ghp_1234567890abcdefghijklmnopqrstuvwxyzAB", "token %s here"),
          p("github_token", "gho_16C7e42F292c6912E7710c838347Ae178B4a", "use %s."),
          p("github_token", "ghs_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8", "(%s)"),
          p(
              "github_token",
              "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWX",
              "PAT: %s"),
          p("gitlab_token", "glpat-xY9zA8bC7dE6fG5hI4jK", "gitlab %s"),
          p("slack_token", "xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "slack %s"),
          p("slack_token", "xoxp-2222222222-3333333333-abcdefABCDEF", "user token %s"),
          p("stripe_key", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "stripe %s"),
          p("stripe_key", "rk_live_51H8ZqLKJdke93jdKd8dkE3", "restricted %s"),
          p("google_api_key", "AIzaSyD-1234567890abcdefghijklmnopqrstu", "key=%s&q=x"),
          p("google_api_key", "AIzaSyA1B2C3D4E5F6G7H8I9J0K1L2M3N4O5P6Q", "maps %s"),
          p("openai_key", "sk-proj-AbCdEf1234567890GhIjKlMnOpQrStUvWxYz", "OPENAI %s"),
          p("openai_key", "sk-AbCdEfGhIjKlMnOpQrStUvWxYz1234567890AbCdEfGh", "old style %s ok"),
          p("anthropic_key", "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "claude %s"),
          p(
              "jwt",
              "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6Ikpv"
                  + "aG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
              "id_token: %s"),
          p(
              "pem_private_key",
              "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0\n"
                  + "tRgJlZ0vJ3N3b0w==\n-----END RSA PRIVATE KEY-----",
              "key:\n%s\n"),
          p(
              "pem_private_key",
              "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIGq8sQ1UZ9Ra4Y0pj\n"
                  + "-----END PRIVATE KEY-----",
              "%s"),
          p(
              "pem_private_key",
              "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n"
                  + "-----END OPENSSH PRIVATE KEY-----",
              "ssh %s"),
          p("secret_assignment", "hunter2!x", "password=%s"),
          p("secret_assignment", "S3cr3tPass", "db_password: %s"),
          p("secret_assignment", "0a1b2c3d4e", "API_KEY='%s'"),
          p("secret_json_field", "abc123def", "{\"config\":{\"nested\":{\"api_key\":\"%s\"}}}"),
          p("secret_json_field", "correct horse battery", "{\"client_secret\": \"%s\"}"),
          p("secret_json_field", "p@ss\\\"word", "[{\"Password\":\"%s\"}]"),
          p("bearer_token", "AbCdEf0123456789GhIjKl", "Authorization: Bearer %s"),
          p("email", "alice@example.com", "mail %s now"),
          p("email", "bob.smith+tag@mail.example.co.uk", "<%s>"),
          p("payment_card", "4111 1111 1111 1111", "card %s exp"),
          p("payment_card", "5500-0000-0000-0004", "mc %s"),
          p("payment_card", "378282246310005", "amex %s."),
          p("payment_card", "4012888888881881", "{\"pan\":%s}"),
          // Test numbers of each network, in the lengths and groupings it issues.
          p("payment_card", "4222222222222", "visa 13 %s"),
          p("payment_card", "4000000000000000006", "visa 19 %s"),
          p("payment_card", "5555 5555 5555 4444", "mastercard %s"),
          p("payment_card", "5105105105105100", "{\"card_number\":\"%s\"}"),
          p("payment_card", "2223003122003222", "mastercard 2-series %s"),
          p("payment_card", "371449635398431", "amex %s"),
          p("payment_card", "3782 822463 10005", "amex %s"),
          p("payment_card", "6011111111111117", "discover %s"),
          p("payment_card", "6011 0009 9013 9424", "discover %s"),
          p("payment_card", "6445644564456445", "discover 644 %s"),
          p("payment_card", "6500000000000002", "discover 65 %s"),
          p("payment_card", "6011000000000000001", "discover 19 %s"),
          p("payment_card", "30569309025904", "diners %s"),
          p("payment_card", "38520000023237", "diners %s"),
          p("payment_card", "3622 720627 1667", "diners %s"),
          p("payment_card", "3056930009020004", "diners 16 %s"),
          p("payment_card", "3530111333300000", "jcb %s"),
          p("payment_card", "3566 0020 2036 0505", "jcb %s"),
          p("payment_card", "6200000000000005", "unionpay %s"),
          p("payment_card", "6205500000000000004", "unionpay 19 %s"),
          p("payment_card", "6759649826438453", "maestro %s"),
          p("payment_card", "6304000000000000", "maestro %s"),
          p("payment_card", "5018000000000009", "maestro %s"),
          p("payment_card", "2200000000000004", "mir %s"),
          p("payment_card", "4111 1111 1111 1111", "{\"ts\":\"%s\"}"),
          p("iban", "DE89 3704 0044 0532 0130 00", "IBAN %s"),
          p("iban", "GB29NWBK60161331926819", "pay to %s"),
          p("iban", "FR1420041010050500013M02606", "compte %s"),
          p("us_ssn", "219-09-9999", "SSN %s"),
          p("us_ssn", "536-22-1234", "ssn: %s"),
          p("phone", "+14155550100", "call %s"),
          p("phone", "+44 20 7946 0958", "London %s"),
          p("phone", "(415) 555-2671", "office %s"),
          p("phone", "415-555-2671", "cell %s."),
          p("ipv4", "192.168.1.20", "host %s:8080"),
          p("ipv4", "10.0.0.1", "from %s."),
          p("ipv6", "2001:db8::8a2e:370:7334", "addr %s"),
          p("ipv6", "fe80::1ff:fe23:4567:890a", "[%s]"),
          p("ipv6", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "v6 %s"));

  static final List<String> NEGATIVES =
      List.of(
          "request 123e4567-e89b-12d3-a456-426614174000 done",
          "uuid f47ac10b-58cc-4372-a567-0e02b2c3d479",
          "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
          "sha e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
          "short 4f2a9c1",
          "card 4111 1111 1111 1112 is invalid",
          "number 1234 5678 9012 3456",
          // Luhn-valid numbers that are not cards: stamps, ids, wrong lengths for the range.
          "data: {\"seq\":12,\"sentAtNanos\":4123456789012345677}",
          "data: {\"seq\":3,\"sentAtNanos\":345678901234564}",
          "{\"ts\": 4020304050607088, \"created_at\": \"4000000000000000006\"}",
          "nanoTime=6011000000000000001",
          "stamp 1234567890123456785",
          "stamp 7182938475610293847",
          "epoch millis 1718000000006",
          "epoch nanos 1718000000000000006",
          "order 9000123456789016",
          "order-id 7000001234567892",
          "ref 3700000000000007",
          "ref 5100000000000000003",
          "ref 411111111111116",
          "ISBN 978-3-16-148410-0",
          "ISBN 0-306-40615-2",
          "isbn 9780306406157",
          "at 2024-01-15T10:30:00Z",
          "epoch 1700000000000",
          "time 10:30:00",
          "2024-01-15 10:30:00.123",
          "dGVzdA==",
          "aGVsbG8gd29ybGQ=",
          "c2stdGVzdA==",
          "sk-learn-is-a-python-library",
          "version 1.2.3",
          "ip-like 1.2.3.4.5",
          "weighs 10.5 kg",
          "order #12345678",
          "https://example.com/path?q=1",
          "max_tokens: 1024",
          "{\"max_tokens\": 1024, \"token_type\": \"Bearer\"}",
          "ghp_short",
          "AKIA1234",
          "IBAN DE00 3704 0044 0532 0130 00",
          "SSN 000-12-3456",
          "ssn 666-12-3456",
          "ssn 912-12-3456",
          "call 1234567890",
          "mac 00:1a:2b:3c:4d:5e",
          "ratio 3:2",
          "price $1,234,567.89",
          "the password is secret",
          "a token of appreciation",
          "x = y + z",
          "page 42 of 1337",
          "localhost:8080/v1/models",
          "model gpt-4o-2024-08-06",
          "temperature 0.7 top_p 0.95",
          "The quick brown fox jumps over the lazy dog.");

  private static Positive p(String detector, String secret, String context) {
    return new Positive(detector, secret, context);
  }

  private final Masker masker = Masker.redacting();

  @Test
  void everyBuiltInDetectorHasPositives() {
    Map<String, Long> perDetector =
        POSITIVES.stream()
            .collect(Collectors.groupingBy(Positive::detector, Collectors.counting()));
    for (Detector d : Detectors.builtIn()) {
      assertThat(perDetector).as(d.name()).containsKey(d.name());
    }
  }

  @Test
  void recallAndFalsePositiveRateMeetTheTargets() {
    List<String> missed = new ArrayList<>();
    for (Positive positive : POSITIVES) {
      String text = positive.text();
      List<Finding> findings = masker.find(text);
      String masked = masker.mask(text);
      boolean found =
          findings.stream().anyMatch(f -> f.detector().name().equals(positive.detector()))
              && !masked.contains(positive.secret());
      if (!found) {
        missed.add(positive.detector() + ": " + text + " -> " + masked);
      }
    }
    List<String> falsePositives = new ArrayList<>();
    for (String negative : NEGATIVES) {
      List<Finding> findings = masker.find(negative);
      if (!findings.isEmpty()) {
        falsePositives.add(negative + " -> " + findings.get(0).detector().name());
      }
    }
    double recall = 1.0 - (double) missed.size() / POSITIVES.size();
    double fpRate = (double) falsePositives.size() / NEGATIVES.size();
    System.out.printf(
        "Masking corpus: %d positives, recall %.1f %%; %d negatives, false positives %.1f %%%n",
        POSITIVES.size(), recall * 100, NEGATIVES.size(), fpRate * 100);
    assertThat(missed).as("missed positives").isEmpty();
    assertThat(falsePositives).as("false positives").isEmpty();
    assertThat(recall).isGreaterThanOrEqualTo(0.99);
    assertThat(fpRate).isLessThanOrEqualTo(0.01);
  }
}
