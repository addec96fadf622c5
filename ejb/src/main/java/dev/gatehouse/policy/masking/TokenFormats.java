package dev.gatehouse.policy.masking;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * Vendor tokens recognisable by their own text: a fixed prefix, then a tail of a known alphabet and
 * length. One detector per vendor (its families share a label); the list behind the kinds in
 * docs/masking-detectors.md.
 *
 * <p>Each format is scanned as {@code \b(?:prefix|…)[tail]+} — the shape of {@link Shapes#token},
 * so RE2/J never runs while scanning — and a candidate is then validated against the format's exact
 * pattern (lengths, separators, character sets) and a least entropy of its tail, so that
 * placeholders ({@code npm_xxxx…}) and longer look-alikes stay untouched. Exact patterns are only
 * run on candidates, which are rare.
 */
final class TokenFormats {

  /**
   * One vendor's tokens.
   *
   * @param tail the characters any of its tokens may hold after the prefix ({@code A-Z}-style
   *     ranges, a {@code -} last), wider than the exact pattern where needed
   * @param exact the whole token, prefix included
   * @param minEntropy least Shannon entropy of the tail, in bits per character
   * @param check a further check of the token (a checksum), or {@code null}
   */
  record Format(
      String name,
      String label,
      String tail,
      String exact,
      double minEntropy,
      Validator check,
      List<String> prefixes) {}

  private static final String ALNUM = "A-Za-z0-9";

  static final List<Format> FORMATS =
      List.of(
          f(
              "onepassword_key",
              "ONEPASSWORD_KEY",
              "A-Za-z0-9+/=-",
              "A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}"
                  + "-[A-Z0-9]{5}|ops_eyJ[A-Za-z0-9+/]{250,}={0,3}",
              3.0,
              "A3-",
              "ops_eyJ"),
          f("adobe_client_secret", "ADOBE_SECRET", ALNUM, "p8e-[A-Za-z0-9]{32}", 3.0, "p8e-"),
          f(
              "age_secret_key",
              "AGE_KEY",
              "A-Z0-9",
              "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}",
              3.0,
              "AGE-SECRET-KEY-1"),
          f(
              "airtable_token",
              "AIRTABLE_TOKEN",
              "A-Za-z0-9.",
              "pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}",
              3.0,
              "pat"),
          f("alibaba_access_key", "ALIBABA_KEY", ALNUM, "LTAI[A-Za-z0-9]{20}", 3.0, "LTAI"),
          f(
              "artifactory_token",
              "ARTIFACTORY_TOKEN",
              ALNUM,
              "AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59}",
              4.0,
              "AKCp",
              "cmVmd"),
          f(
              "atlassian_token",
              "ATLASSIAN_TOKEN",
              "A-Za-z0-9_=-",
              "ATATT3[A-Za-z0-9_=\\-]{186}",
              4.0,
              "ATATT3"),
          f(
              "aws_bedrock_key",
              "AWS_BEDROCK_KEY",
              "A-Za-z0-9+/=",
              "ABSK[A-Za-z0-9+/]{109,269}={0,2}"
                  + "|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=]*",
              3.0,
              "ABSK",
              "bedrock-api-key-"),
          f(
              "clickhouse_key",
              "CLICKHOUSE_KEY",
              ALNUM,
              "4b1d[A-Za-z0-9]{38}",
              3.0,
              Checks::mixed,
              "4b1d"),
          f("clojars_token", "CLOJARS_TOKEN", ALNUM, "CLOJARS_[a-z0-9]{60}", 3.0, "CLOJARS_"),
          f(
              "cloudflare_origin_ca_key",
              "CLOUDFLARE_KEY",
              "a-f0-9-",
              "v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}",
              3.0,
              "v1.0-"),
          f(
              "databricks_token",
              "DATABRICKS_TOKEN",
              "a-f0-9-",
              "dapi[a-f0-9]{32}(?:-[0-9])?",
              3.0,
              "dapi"),
          f(
              "defined_networking_token",
              "DNKEY",
              "A-Za-z0-9=_-",
              "dnkey-[A-Za-z0-9=_\\-]{26}-[A-Za-z0-9=_\\-]{52}",
              3.0,
              "dnkey-"),
          f(
              "digitalocean_token",
              "DIGITALOCEAN_TOKEN",
              "a-f0-9",
              "do[opr]_v1_[a-f0-9]{64}",
              3.0,
              "doo_v1_",
              "dop_v1_",
              "dor_v1_"),
          f(
              "doppler_token",
              "DOPPLER_TOKEN",
              ALNUM,
              "dp\\.(?:pt|st|ct|sa|scim|audit)\\.[A-Za-z0-9]{40,44}",
              3.0,
              "dp.pt.",
              "dp.st.",
              "dp.ct.",
              "dp.sa.",
              "dp.scim.",
              "dp.audit."),
          f(
              "dropbox_token",
              "DROPBOX_TOKEN",
              "A-Za-z0-9._=-",
              "sl\\.[A-Za-z0-9._=\\-]{130,}",
              3.5,
              "sl."),
          f(
              "duffel_token",
              "DUFFEL_TOKEN",
              "A-Za-z0-9_=-",
              "duffel_(?:test|live)_[A-Za-z0-9_=\\-]{43}",
              3.0,
              "duffel_test_",
              "duffel_live_"),
          f(
              "dynatrace_token",
              "DYNATRACE_TOKEN",
              "A-Za-z0-9.",
              "dt0c01\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}",
              3.5,
              "dt0c01."),
          f("easypost_key", "EASYPOST_KEY", ALNUM, "EZ[AT]K[A-Za-z0-9]{54}", 3.0, "EZAK", "EZTK"),
          f(
              "facebook_token",
              "FACEBOOK_TOKEN",
              ALNUM,
              "EAA[MC][A-Za-z0-9]{100,}",
              4.0,
              "EAAM",
              "EAAC"),
          f(
              "flutterwave_key",
              "FLUTTERWAVE_KEY",
              "A-Za-z0-9-",
              "FLW(?:SECK|PUBK)(?:_TEST)?-[a-hA-H0-9]{12,32}(?:-X)?",
              2.5,
              "FLWSECK_TEST-",
              "FLWPUBK_TEST-",
              "FLWSECK-",
              "FLWPUBK-"),
          f(
              "flyio_token",
              "FLYIO_TOKEN",
              "A-Za-z0-9_+/=-",
              "fo1_[A-Za-z0-9_\\-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,}={0,3}"
                  + "|fm2_[A-Za-z0-9+/]{100,}={0,3}",
              4.0,
              "fo1_",
              "fm1a_",
              "fm1r_",
              "fm2_"),
          f(
              "frameio_token",
              "FRAMEIO_TOKEN",
              "A-Za-z0-9_=-",
              "fio-u-[A-Za-z0-9_=\\-]{64}",
              3.0,
              "fio-u-"),
          f(
              "gitlab_extra_token",
              "GITLAB_TOKEN",
              "A-Za-z0-9_-",
              "glcbt-[0-9a-zA-Z]{1,5}_[0-9a-zA-Z_\\-]{20,}|glffct-[0-9a-zA-Z_\\-]{20,}"
                  + "|glft-[0-9a-zA-Z_\\-]{20,}|glimt-[0-9a-zA-Z_\\-]{25,}"
                  + "|glagent-[0-9a-zA-Z_\\-]{50,}|gloas-[0-9a-zA-Z_\\-]{64,}"
                  + "|glsoat-[0-9a-zA-Z_\\-]{20,}|GR1348941[0-9a-zA-Z_\\-]{20,}",
              3.0,
              "glcbt-",
              "glffct-",
              "glft-",
              "glimt-",
              "glagent-",
              "gloas-",
              "glsoat-",
              "GR1348941"),
          f(
              "grafana_token",
              "GRAFANA_TOKEN",
              "A-Za-z0-9+/=_",
              "eyJrIjoi[A-Za-z0-9]{70,400}={0,3}|glc_[A-Za-z0-9+/]{32,400}={0,3}"
                  + "|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}",
              3.0,
              "eyJrIjoi",
              "glc_",
              "glsa_"),
          f(
              "harness_token",
              "HARNESS_TOKEN",
              "A-Za-z0-9_.-",
              "(?:pat|sat)\\.[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{20}",
              3.0,
              "pat.",
              "sat."),
          f(
              "heroku_key",
              "HEROKU_KEY",
              "A-Za-z0-9_-",
              "HRKU-AA[0-9A-Za-z_\\-]{58}",
              3.5,
              "HRKU-AA"),
          f(
              "huggingface_token",
              "HUGGINGFACE_TOKEN",
              "A-Za-z",
              "hf_[A-Za-z]{34}|api_org_[A-Za-z]{34}",
              3.5,
              Checks::bothCases,
              "hf_",
              "api_org_"),
          f("infracost_token", "INFRACOST_TOKEN", ALNUM, "ico-[A-Za-z0-9]{32}", 3.0, "ico-"),
          f(
              "intra42_secret",
              "INTRA42_SECRET",
              "a-f0-9",
              "s-s4t2(?:ud|af)-[a-f0-9]{64}",
              3.0,
              "s-s4t2ud-",
              "s-s4t2af-"),
          f("linear_key", "LINEAR_KEY", ALNUM, "lin_api_[A-Za-z0-9]{40}", 3.0, "lin_api_"),
          f(
              "mapbox_token",
              "MAPBOX_TOKEN",
              "A-Za-z0-9._-",
              "[pst]k\\.eyJ[A-Za-z0-9_\\-]{20,}\\.[A-Za-z0-9_\\-]{20,}",
              3.5,
              "pk.eyJ",
              "sk.eyJ",
              "tk.eyJ"),
          f(
              "newrelic_key",
              "NEWRELIC_KEY",
              "A-Za-z0-9-",
              "NRJS-[a-f0-9]{19}|NRII-[A-Za-z0-9\\-]{32}|NRAK-[A-Z0-9]{27}",
              3.0,
              "NRJS-",
              "NRII-",
              "NRAK-"),
          f("notion_token", "NOTION_TOKEN", ALNUM, "ntn_[0-9]{11}[A-Za-z0-9]{35}", 3.5, "ntn_"),
          f(
              "npm_token",
              "NPM_TOKEN",
              ALNUM,
              "npm_[A-Za-z0-9]{36}",
              3.0,
              (t, s, e) -> Checksums.base62Crc32(t, s + 4, e),
              "npm_"),
          f(
              "octopus_key",
              "OCTOPUS_KEY",
              "A-Z0-9",
              "API-[A-Z0-9]{26}",
              3.0,
              Checks::lettersAndDigits,
              "API-"),
          f(
              "openshift_token",
              "OPENSHIFT_TOKEN",
              "A-Za-z0-9_-",
              "sha256~[A-Za-z0-9_\\-]{43}",
              3.5,
              "sha256~"),
          f("perplexity_key", "PERPLEXITY_KEY", ALNUM, "pplx-[A-Za-z0-9]{48}", 3.5, "pplx-"),
          f(
              "planetscale_token",
              "PLANETSCALE_TOKEN",
              "A-Za-z0-9_=.-",
              "pscale_(?:tkn|oauth|pw)_[A-Za-z0-9_=.\\-]{32,64}",
              3.0,
              "pscale_tkn_",
              "pscale_oauth_",
              "pscale_pw_"),
          f(
              "plaid_token",
              "PLAID_TOKEN",
              "a-f0-9-",
              "access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}"
                  + "-[0-9a-f]{4}-[0-9a-f]{12}",
              3.0,
              "access-sandbox-",
              "access-development-",
              "access-production-"),
          f(
              "postman_key",
              "POSTMAN_KEY",
              "A-Fa-f0-9-",
              "PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}",
              3.0,
              "PMAK-"),
          f("prefect_key", "PREFECT_KEY", ALNUM, "pnu_[A-Za-z0-9]{36}", 3.0, "pnu_"),
          f("pulumi_token", "PULUMI_TOKEN", "a-f0-9", "pul-[a-f0-9]{40}", 3.0, "pul-"),
          f(
              "pypi_token",
              "PYPI_TOKEN",
              "A-Za-z0-9_-",
              "pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_\\-]{50,}",
              3.0,
              "pypi-AgEIcHlwaS5vcmc",
              "pypi-AgENdGVzdC5weXBpLm9yZw"),
          f("readme_key", "README_KEY", "a-z0-9", "rdme_[a-z0-9]{70}", 3.0, "rdme_"),
          f("rubygems_key", "RUBYGEMS_KEY", "a-f0-9", "rubygems_[a-f0-9]{48}", 3.0, "rubygems_"),
          f(
              "scalingo_token",
              "SCALINGO_TOKEN",
              "A-Za-z0-9_-",
              "tk-us-[A-Za-z0-9_\\-]{48}",
              3.0,
              "tk-us-"),
          f(
              "sendgrid_key",
              "SENDGRID_KEY",
              "A-Za-z0-9_.=-",
              "SG\\.[A-Za-z0-9_=\\-]{16,32}\\.[A-Za-z0-9_=\\-]{16,64}",
              3.5,
              "SG."),
          f(
              "sendinblue_key",
              "BREVO_KEY",
              "A-Za-z0-9-",
              "x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}",
              3.0,
              "xkeysib-",
              "xsmtpsib-"),
          f(
              "sentry_token",
              "SENTRY_TOKEN",
              "A-Za-z0-9+/=_",
              "sntryu_[a-f0-9]{64}|sntrys_eyJ[A-Za-z0-9+/=_]{80,}",
              3.5,
              "sntryu_",
              "sntrys_eyJ"),
          f(
              "settlemint_token",
              "SETTLEMINT_TOKEN",
              ALNUM,
              "sm_[aps]at_[A-Za-z0-9]{16}",
              3.0,
              "sm_aat_",
              "sm_pat_",
              "sm_sat_"),
          f(
              "shippo_token",
              "SHIPPO_TOKEN",
              "A-Fa-f0-9",
              "shippo_(?:live|test)_[a-fA-F0-9]{40}",
              3.0,
              "shippo_live_",
              "shippo_test_"),
          f(
              "shopify_token",
              "SHOPIFY_TOKEN",
              "A-Fa-f0-9",
              "shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}",
              3.0,
              "shpat_",
              "shpca_",
              "shppa_",
              "shpss_"),
          f(
              "sonar_token",
              "SONAR_TOKEN",
              "a-f0-9",
              "sq[upa]_[a-f0-9]{40}",
              3.0,
              "squ_",
              "sqp_",
              "sqa_"),
          f(
              "sourcegraph_token",
              "SOURCEGRAPH_TOKEN",
              "A-Za-z0-9_",
              "sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40}",
              3.0,
              "sgp_"),
          f(
              "square_token",
              "SQUARE_TOKEN",
              "A-Za-z0-9_-",
              "EAAA[A-Za-z0-9_\\-]{22,60}|sq0atp-[A-Za-z0-9_\\-]{22}|sq0csp-[A-Za-z0-9_\\-]{43}",
              3.5,
              "EAAA",
              "sq0atp-",
              "sq0csp-"),
          f("twilio_key", "TWILIO_KEY", "A-Fa-f0-9", "SK[0-9a-fA-F]{32}", 3.0, "SK"),
          f(
              "typeform_token",
              "TYPEFORM_TOKEN",
              "A-Za-z0-9_.=-",
              "tfp_[A-Za-z0-9_.=\\-]{59}",
              3.0,
              "tfp_"),
          f(
              "vault_token",
              "VAULT_TOKEN",
              "A-Za-z0-9_-",
              "hv[sr]\\.[A-Za-z0-9_\\-]{90,120}|hvb\\.[A-Za-z0-9_\\-]{138,300}",
              3.5,
              "hvs.",
              "hvr.",
              "hvb."),
          f("yandex_key", "YANDEX_KEY", "A-Za-z0-9_-", "AQVN[A-Za-z0-9_\\-]{35,38}", 3.5, "AQVN"));

  private TokenFormats() {}

  private static Format f(
      String name, String label, String tail, String exact, double minEntropy, String... prefixes) {
    return new Format(name, label, tail, exact, minEntropy, null, List.of(prefixes));
  }

  private static Format f(
      String name,
      String label,
      String tail,
      String exact,
      double minEntropy,
      Validator check,
      String... prefixes) {
    return new Format(name, label, tail, exact, minEntropy, check, List.of(prefixes));
  }

  /** The detectors, in the order of {@link #FORMATS}. */
  static List<Detector> detectors() {
    List<Detector> detectors = new ArrayList<>(FORMATS.size());
    for (Format format : FORMATS) {
      detectors.add(detector(format));
    }
    return detectors;
  }

  /** The scanning shape of a format's detector: what {@link Shapes#token} matches. */
  static Shape shape(Format format) {
    String[] branches = new String[2 * format.prefixes().size()];
    for (int i = 0; i < format.prefixes().size(); i++) {
      branches[2 * i] = format.prefixes().get(i);
      branches[2 * i + 1] = format.tail();
    }
    return Shapes.token(false, branches);
  }

  private static Detector detector(Format format) {
    StringBuilder regex = new StringBuilder("\\b(?:");
    for (int i = 0; i < format.prefixes().size(); i++) {
      regex.append(i == 0 ? "" : "|").append(Pattern.quote(format.prefixes().get(i)));
    }
    regex.append(")[").append(format.tail()).append("]+");
    Pattern exact = Pattern.compile(format.exact());
    Validator check = format.check() == null ? Validator.ANY : format.check();
    Validator validator =
        (text, start, end) -> {
          String token = text.subSequence(start, end).toString();
          if (!exact.matches(token)) {
            return false;
          }
          int tail = start + prefixLength(format, text, start);
          return Checks.entropy(text, tail, end) >= format.minEntropy()
              && check.accepts(text, start, end);
        };
    String[] prefixes = format.prefixes().toArray(String[]::new);
    return new Detector(
        format.name(),
        format.label(),
        Pattern.compile(regex.toString()),
        0,
        validator,
        new Trigger.Anchored(format.prefixes(), Locators.token(0), Starts.wordThen(0, prefixes)));
  }

  private static int prefixLength(Format format, CharSequence text, int start) {
    for (String prefix : format.prefixes()) {
      if (text.length() - start >= prefix.length()
          && text.subSequence(start, start + prefix.length()).toString().equals(prefix)) {
        return prefix.length();
      }
    }
    return 0;
  }
}
