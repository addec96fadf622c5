package dev.gatehouse.policy.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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

  static final List<Positive> WRITTEN =
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
          "The quick brown fox jumps over the lazy dog.",
          // Right prefix and length, wrong checksum: GitHub's documentation examples.
          "use gh" + "o_16C7e42F292c6912E7710c838347Ae178B4a.",
          "(gh" + "s_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8)",
          "an npm token looks like np" + "m_abcdefghijklmnopqrstuvwxyz0123456789",
          // Placeholders and look-alikes of the vendor formats.
          "replace np" + "m_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx with yours",
          "shp" + "at_00000000000000000000000000000000",
          "dop_v1_" + "0".repeat(64),
          "the pattern patAbcdefghijklmn is not a token",
          "path/to/patch.diff and pat.sh",
          "API-VERSION-HEADER-IS-NOT-A-KEY",
          "SKU SK1234 and SKYLINE",
          "hf_hub_download is a function; hf_transformers_cache_directory too",
          "sl.no serial numbers sl.1 sl.2",
          "v1.0-beta and v1.0-rc1",
          "dapi is a word, dapi1234",
          "time 12:AB and ratio 10:A",
          "eyJrIjoi is the start of a grafana key",
          "a3-b4-c5 and A3-PAPER size",
          "EAAC bus, EAAM board",
          "pypi-AgEIcHlwaS5vcmc is the prefix alone",
          "sha256~ is the prefix of OpenShift tokens",
          "ico-32 icon set",
          "lin_api_ prefix, lin_api_short",
          // Assignments of placeholders, references and words that are not secrets.
          "password=${DB_PASSWORD}",
          "export API_KEY=$API_KEY",
          "password: \"********\"",
          "token: {{ .Values.token }}",
          "api_key=your-api-key-here",
          "password=changeme",
          "secret: null",
          "sort_key=created_at",
          "primary_key: id",
          "monkey=banana42",
          "cache_key: user-profile-settings",
          "the author: Jane Doe",
          "mysql -u root -p shop",
          "mysql -u root -p < dump.sql",
          "curl -u admin https://example.com",
          "git clone ssh://git.example.com/org/repo.git",
          "http://host.example.com:8080/x",
          "https://example.com:8080/a@b",
          "postgres://user:${DB_PASS}@db/app",
          "see https://hooks.slack.com/services for how to post",
          "Authorization: Bearer",
          "Authorization: Basic YWJjZGVmZ2g=",
          "a basic understanding of authorization: roles and scopes",
          "<add key=\"Timeout\" value=\"30\" />",
          "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOC\n-----END PUBLIC KEY-----",
          "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\n-----END CERTIFICATE-----");

  /**
   * Positives of the vendor formats, made up from a fixed seed (valid lengths, alphabets and
   * checksums), written as people write them: in exports, configs, JSON, logs and prose.
   */
  static List<Positive> generated() {
    FakeTokens f = new FakeTokens(21);
    String alnum = FakeTokens.ALNUM;
    String hex = FakeTokens.HEX;
    String lowerAlnum = FakeTokens.LOWER_ALNUM;
    String upperAlnum = FakeTokens.UPPER_ALNUM;
    String urlSafe = alnum + "_-";
    List<Positive> g = new ArrayList<>();
    g.add(p("github_token", f.checksummed("gh" + "o_"), "use %s."));
    g.add(p("github_token", f.checksummed("gh" + "s_"), "(%s)"));
    g.add(p("github_token", f.checksummed("gh" + "p_"), "GITHUB_TOKEN=%s"));
    g.add(p("github_token", f.checksummed("gh" + "u_"), "{\"token\": \"%s\"}"));
    g.add(p("github_token", f.checksummed("gh" + "r_"), "refresh: %s"));
    g.add(p("npm_token", f.checksummed("np" + "m_"), "//registry.npmjs.org/:_authToken=%s"));
    g.add(p("npm_token", f.checksummed("np" + "m_"), "NPM_TOKEN=\"%s\""));
    g.add(p("aws_access_key_id", "A3" + "T" + f.of(upperAlnum, 17), "key id %s"));
    g.add(
        p(
            "slack_token",
            "xa"
                + "pp-1-A"
                + f.of(upperAlnum, 10)
                + "-"
                + f.of(FakeTokens.DIGITS, 13)
                + "-"
                + f.of(lowerAlnum, 64),
            "SLACK_APP_TOKEN=%s"));
    g.add(p("slack_token", "xo" + "xe.xoxp-1-" + f.of(upperAlnum, 164), "config token %s"));
    g.add(p("slack_token", "xo" + "xe-1-" + f.of(upperAlnum, 146), "refresh %s"));
    g.add(p("stripe_key", "sk" + "_test_" + f.of(alnum, 24), "STRIPE_SECRET_KEY=%s"));
    g.add(p("stripe_key", "rk" + "_prod_" + f.of(alnum, 30), "stripe %s"));
    g.add(
        p(
            "onepassword_key",
            "A3"
                + "-"
                + f.of(upperAlnum, 6)
                + "-"
                + f.of(upperAlnum, 11)
                + "-"
                + f.of(upperAlnum, 5)
                + "-"
                + f.of(upperAlnum, 5)
                + "-"
                + f.of(upperAlnum, 5),
            "Secret Key: %s"));
    g.add(
        p(
            "onepassword_key",
            "op" + "s_eyJ" + f.of(alnum + "+/", 300),
            "export OP_SERVICE_ACCOUNT_TOKEN=%s"));
    g.add(p("adobe_client_secret", "p8" + "e-" + f.of(alnum, 32), "client_secret=%s"));
    g.add(
        p(
            "age_secret_key",
            "AGE-SECRET-" + "KEY-1" + f.of("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58),
            "# created: 2024-01-01\n%s\n"));
    g.add(
        p(
            "airtable_token",
            "pa" + "t" + f.of(alnum, 14) + "." + f.of(hex, 64),
            "AIRTABLE_TOKEN=%s"));
    g.add(p("alibaba_access_key", "LT" + "AI" + f.of(alnum, 20), "AccessKeyId: %s"));
    g.add(p("artifactory_token", "AK" + "Cp" + f.of(alnum, 69), "X-JFrog-Art-Api: %s"));
    g.add(p("artifactory_token", "cmV" + "md" + f.of(alnum, 59), "reference token %s"));
    g.add(p("atlassian_token", "ATA" + "TT3" + f.of(urlSafe + "=", 186), "JIRA_API_TOKEN=%s"));
    g.add(
        p("aws_bedrock_key", "AB" + "SK" + f.of(alnum + "+/", 132), "AWS_BEARER_TOKEN_BEDROCK=%s"));
    g.add(p("clickhouse_key", "4b" + "1d" + f.of(alnum, 38), "secret key %s"));
    g.add(p("clojars_token", "CLO" + "JARS_" + f.of(lowerAlnum, 60), "deploy token %s"));
    g.add(
        p(
            "cloudflare_origin_ca_key",
            "v1" + ".0-" + f.of(hex, 24) + "-" + f.of(hex, 146),
            "origin_ca_key = \"%s\""));
    g.add(p("databricks_token", "da" + "pi" + f.of(hex, 32), "DATABRICKS_TOKEN=%s"));
    g.add(
        p(
            "defined_networking_token",
            "dn" + "key-" + f.of(alnum, 26) + "-" + f.of(alnum, 52),
            "api %s"));
    g.add(p("digitalocean_token", "do" + "p_v1_" + f.of(hex, 64), "doctl auth init -t %s"));
    g.add(p("digitalocean_token", "do" + "o_v1_" + f.of(hex, 64), "{\"access_token\":\"%s\"}"));
    g.add(p("doppler_token", "dp" + ".pt." + f.of(alnum, 43), "DOPPLER_TOKEN=%s"));
    g.add(p("dropbox_token", "sl" + "." + f.of(urlSafe, 136), "Authorization: Bearer %s"));
    g.add(p("duffel_token", "duffel" + "_test_" + f.of(urlSafe, 43), "duffel %s"));
    g.add(
        p(
            "dynatrace_token",
            "dt0" + "c01." + f.of(upperAlnum, 24) + "." + f.of(alnum, 64),
            "Api-Token %s"));
    g.add(p("easypost_key", "EZ" + "AK" + f.of(alnum, 54), "EASYPOST_API_KEY: %s"));
    g.add(p("facebook_token", "EA" + "AC" + f.of(alnum, 140), "access_token=%s&fields=id"));
    g.add(
        p(
            "flutterwave_key",
            "FLWSECK" + "_TEST-" + f.of("abcdefgh0123456789", 32) + "-X",
            "FLW_SECRET_KEY=%s"));
    g.add(p("flyio_token", "fm" + "2_" + f.of(alnum + "+/", 160), "FLY_API_TOKEN=%s"));
    g.add(p("frameio_token", "fio" + "-u-" + f.of(urlSafe, 64), "frame.io %s"));
    g.add(
        p(
            "gitlab_extra_token",
            "gl" + "cbt-" + f.of(alnum, 2) + "_" + f.of(urlSafe, 20),
            "CI_JOB_TOKEN=%s"));
    g.add(p("gitlab_extra_token", "gl" + "agent-" + f.of(urlSafe, 50), "agent token %s"));
    g.add(p("gitlab_extra_token", "GR13" + "48941" + f.of(urlSafe, 20), "runner %s"));
    g.add(p("gitlab_extra_token", "gl" + "oas-" + f.of(urlSafe, 64), "oauth %s"));
    g.add(
        p(
            "grafana_token",
            "gl" + "sa_" + f.of(alnum, 32) + "_" + f.of(hex, 8),
            "GRAFANA_SERVICE_ACCOUNT_TOKEN=%s"));
    g.add(p("grafana_token", "eyJr" + "Ijoi" + f.of(alnum, 90), "grafana key %s"));
    g.add(
        p(
            "harness_token",
            "pa" + "t." + f.of(urlSafe, 22) + "." + f.of(alnum, 24) + "." + f.of(alnum, 20),
            "x-api-key: %s"));
    g.add(p("heroku_key", "HR" + "KU-AA" + f.of(urlSafe, 58), "HEROKU_API_KEY=%s"));
    g.add(p("huggingface_token", "h" + "f_" + f.of(FakeTokens.LETTERS, 34), "HF_TOKEN=%s"));
    g.add(p("huggingface_token", "api" + "_org_" + f.of(FakeTokens.LETTERS, 34), "org %s"));
    g.add(p("infracost_token", "ic" + "o-" + f.of(alnum, 32), "INFRACOST_API_KEY=%s"));
    g.add(p("intra42_secret", "s-s4" + "t2ud-" + f.of(hex, 64), "secret %s"));
    g.add(p("linear_key", "lin" + "_api_" + f.of(alnum, 40), "LINEAR_API_KEY=%s"));
    g.add(
        p(
            "mapbox_token",
            "sk" + ".eyJ" + f.of(urlSafe, 60) + "." + f.of(urlSafe, 22),
            "MAPBOX_ACCESS_TOKEN=%s"));
    g.add(p("newrelic_key", "NR" + "AK-" + f.of(upperAlnum, 27), "NEW_RELIC_API_KEY=%s"));
    g.add(p("newrelic_key", "NR" + "II-" + f.of(alnum + "-", 32), "insert key %s"));
    g.add(
        p(
            "notion_token",
            "nt" + "n_" + f.of(FakeTokens.DIGITS, 11) + f.of(alnum, 35),
            "NOTION_TOKEN=%s"));
    g.add(p("octopus_key", "AP" + "I-" + f.of(upperAlnum, 26), "X-Octopus-ApiKey: %s"));
    g.add(p("openshift_token", "sha" + "256~" + f.of(urlSafe, 43), "oc login --token=%s"));
    g.add(p("perplexity_key", "pp" + "lx-" + f.of(alnum, 48), "PPLX_API_KEY=%s"));
    g.add(p("planetscale_token", "pscale" + "_pw_" + f.of(urlSafe, 43), "password: %s"));
    g.add(p("plaid_token", "access" + "-sandbox-" + f.uuid(), "plaid access %s"));
    g.add(p("postman_key", "PM" + "AK-" + f.of(hex, 24) + "-" + f.of(hex, 34), "postman %s"));
    g.add(p("prefect_key", "pn" + "u_" + f.of(alnum, 36), "PREFECT_API_KEY=%s"));
    g.add(p("pulumi_token", "pu" + "l-" + f.of(hex, 40), "PULUMI_ACCESS_TOKEN=%s"));
    g.add(p("pypi_token", "pypi-" + "AgEIcHlwaS5vcmc" + f.of(urlSafe, 120), "password = %s"));
    g.add(p("readme_key", "rd" + "me_" + f.of(lowerAlnum, 70), "readme %s"));
    g.add(p("rubygems_key", "ruby" + "gems_" + f.of(hex, 48), ":rubygems_api_key: %s"));
    g.add(p("scalingo_token", "tk" + "-us-" + f.of(urlSafe, 48), "scalingo %s"));
    g.add(
        p(
            "sendgrid_key",
            "S" + "G." + f.of(urlSafe, 22) + "." + f.of(urlSafe, 43),
            "SENDGRID_API_KEY='%s'"));
    g.add(p("sendinblue_key", "xkey" + "sib-" + f.of(hex, 64) + "-" + f.of(alnum, 16), "brevo %s"));
    g.add(p("sentry_token", "sntr" + "yu_" + f.of(hex, 64), "SENTRY_AUTH_TOKEN=%s"));
    g.add(p("settlemint_token", "sm" + "_pat_" + f.of(alnum, 16), "settlemint %s"));
    g.add(p("shippo_token", "shippo" + "_live_" + f.of(hex, 40), "shippo %s"));
    g.add(p("shopify_token", "shp" + "at_" + f.of(hex, 32), "X-Shopify-Access-Token: %s"));
    g.add(p("shopify_token", "shp" + "ss_" + f.of(hex, 32), "shared secret %s"));
    g.add(p("sonar_token", "sq" + "p_" + f.of(hex, 40), "sonar.token=%s"));
    g.add(p("sourcegraph_token", "sg" + "p_" + f.of(hex, 16) + "_" + f.of(hex, 40), "src %s"));
    g.add(p("square_token", "EA" + "AA" + f.of(urlSafe, 60), "SQUARE_ACCESS_TOKEN=%s"));
    g.add(p("square_token", "sq0" + "csp-" + f.of(urlSafe, 43), "square secret %s"));
    g.add(p("twilio_key", "S" + "K" + f.of(hex, 32), "TWILIO_API_KEY=%s"));
    g.add(p("typeform_token", "tf" + "p_" + f.of(urlSafe, 59), "typeform %s"));
    g.add(p("vault_token", "hv" + "s." + f.of(urlSafe, 95), "VAULT_TOKEN=%s"));
    g.add(p("vault_token", "hv" + "b." + f.of(urlSafe, 150), "batch %s"));
    g.add(p("yandex_key", "AQ" + "VN" + f.of(urlSafe, 36), "yandex %s"));
    g.add(
        p(
            "azure_client_secret",
            f.of(alnum, 3) + "8Q~" + f.of(alnum + "_~.-", 34),
            "AZURE_CLIENT_SECRET=%s"));
    g.add(p("mailchimp_key", f.of(hex, 32) + "-us" + "21", "MAILCHIMP_API_KEY=%s"));
    g.add(p("maxmind_key", f.of(alnum, 6) + "_" + f.of(alnum, 29) + "_m" + "mk", "license %s"));
    g.add(
        p(
            "authress_key",
            "sc"
                + "_"
                + f.of(lowerAlnum, 12)
                + "."
                + f.of(lowerAlnum, 5)
                + ".acc"
                + "_"
                + f.of(lowerAlnum, 20)
                + "."
                + f.of(alnum + "+/", 60),
            "authress %s"));
    g.add(
        p(
            "terraform_token",
            f.of(alnum, 14) + ".atlas" + "v1." + f.of(urlSafe, 66),
            "credentials \"app.terraform.io\" { token = \"%s\" }"));
    g.add(
        p(
            "telegram_bot_token",
            f.of(FakeTokens.DIGITS, 10) + ":A" + "A" + f.of(urlSafe, 33),
            "https://api.telegram.org/bot%s/getMe"));
    return g;
  }

  /** Secrets known by what is written around them: names, flags, URLs, headers, key blocks. */
  static List<Positive> inContext() {
    FakeTokens f = new FakeTokens(2);
    String alnum = FakeTokens.ALNUM;
    String hex = FakeTokens.HEX;
    String urlSafe = alnum + "_-";
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString(("deploy:" + f.of(alnum, 14)).getBytes(StandardCharsets.US_ASCII));
    List<Positive> c = new ArrayList<>();
    c.add(p("secret_assignment", "Tr0ub4dor-x3", "export DB_PASSWORD=\"%s\""));
    c.add(p("secret_assignment", "S3cr3t!pass", "'password' => '%s',"));
    c.add(p("secret_assignment", "hunter22x", "conn = connect(**{'db_password': '%s'})"));
    c.add(p("secret_assignment", "Pa55word9", "const dbPassword := \"%s\""));
    c.add(p("secret_assignment", "s3cretValue9", "DB_PASSWORD ?= %s"));
    c.add(p("secret_assignment", "Zq8#mW2v", "database:\n  user: app\n  password: %s\n"));
    c.add(p("secret_assignment", "Yh7-kd92Lq", "# .env\nSMTP_HOST=mail\nSMTP_PASSWORD=%s\n"));
    c.add(p("secret_assignment", "Xk9pQ2wLm", "mysqldump --user=root --password=%s shop"));
    c.add(p("secret_assignment", f.of(alnum, 32), "client_secret: \"%s\""));
    c.add(p("key_assignment", f.of(hex, 40), "DATADOG_APP_KEY=%s"));
    c.add(p("key_assignment", f.of(hex, 32), "Cookie: _gitlab_session=%s"));
    c.add(p("key_assignment", f.of(alnum, 24), "  auth: %s"));
    c.add(p("key_assignment", f.of(alnum, 40), "ALGOLIA_ADMIN_KEY: '%s'"));
    c.add(p("cli_password", "S3cretPw9", "mysql -u root -h db -p%s shop < dump.sql"));
    c.add(p("cli_password", "Pa55w0rd!", "sshpass -p '%s' ssh deploy@web1"));
    c.add(p("cli_password", "R3disPass9", "redis-cli -h cache -a %s ping"));
    c.add(p("cli_password", "Adm1nPass9", "curl -u admin:%s https://jenkins.example.com/api/json"));
    c.add(p("url_credentials", "app:Sup3rS3cret", "postgres://%s@db.internal:5432/app"));
    c.add(p("url_credentials", "root:" + f.of(alnum, 12), "DATABASE_URL=mysql://%s@localhost/db"));
    c.add(
        p(
            "url_credentials",
            "deploy:" + f.of(alnum, 20),
            "git clone https://%s@git.example.com/a.git"));
    c.add(
        p("url_credentials", "guest:" + f.of(alnum, 10), "{\"broker\":\"amqp://%s@rabbit:5672\"}"));
    c.add(
        p(
            "webhook_url",
            "https://hooks.slack.com/services/T"
                + f.of(FakeTokens.UPPER_ALNUM, 8)
                + "/B"
                + f.of(FakeTokens.UPPER_ALNUM, 10)
                + "/"
                + f.of(alnum, 24),
            "SLACK_WEBHOOK_URL=%s"));
    c.add(
        p(
            "webhook_url",
            "https://discord.com/api/webhooks/"
                + f.of(FakeTokens.DIGITS, 18)
                + "/"
                + f.of(urlSafe, 68),
            "post to %s please"));
    c.add(
        p(
            "webhook_url",
            "https://contoso.webhook.office.com/webhookb2/"
                + f.uuid()
                + "@"
                + f.uuid()
                + "/IncomingWebhook/"
                + f.of(hex, 32)
                + "/"
                + f.uuid(),
            "{\"teams\": \"%s\"}"));
    c.add(p("authorization_header", basic, "Authorization: Basic %s"));
    c.add(p("authorization_header", basic, "curl -H 'Proxy-Authorization: Basic %s' http://x"));
    c.add(p("authorization_header", f.of(alnum, 40), "authorization: Token %s"));
    c.add(p("secret_json_field", "Basic " + basic, "{\"headers\":{\"Authorization\":\"%s\"}}"));
    c.add(
        p(
            "xml_secret_setting",
            "N3tPass!9",
            "<packageSourceCredentials><feed><add key=\"ClearTextPassword\" value=\"%s\" />"));
    c.add(p("xml_secret_setting", f.of(alnum, 30), "<add key=\"Storage:ApiKey\" value=\"%s\"/>"));
    c.add(
        p(
            "pem_private_key",
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF"
                + f.of(alnum, 60)
                + "\n="
                + f.of(alnum, 4)
                + "\n-----END PGP PRIVATE KEY BLOCK-----",
            "gpg export:\n%s\n"));
    c.add(
        p(
            "pem_private_key",
            "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE"
                + f.of(alnum, 56)
                + "\n-----END EC PRIVATE KEY-----",
            "{\"key\":\"%s\"}"));
    c.add(
        p(
            "putty_private_key",
            "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n"
                + "Comment: deploy\nPublic-Lines: 2\nAAAAC3"
                + f.of(alnum, 60)
                + "\nPrivate-Lines: 1\n"
                + "AAAAI"
                + f.of(alnum, 40)
                + "\nPrivate-MAC: "
                + f.of(hex, 64),
            "id.ppk:\n%s\nend"));
    return c;
  }

  static final List<Positive> POSITIVES = join(join(WRITTEN, generated()), inContext());

  private static List<Positive> join(List<Positive> a, List<Positive> b) {
    List<Positive> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

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
