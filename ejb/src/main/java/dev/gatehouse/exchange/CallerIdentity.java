package dev.gatehouse.exchange;

import java.util.List;

/**
 * Who is calling, as far as the gateway knows it: what goes into the audit record and what access
 * decisions are made on.
 *
 * @param subject the token's subject, or {@code anonymous}
 * @param groups the groups the token carries
 * @param tokenId the token's {@code jti}, or {@code null}
 */
public record CallerIdentity(String subject, List<String> groups, String tokenId) {

  public static final CallerIdentity ANONYMOUS = new CallerIdentity("anonymous", List.of(), null);

  public CallerIdentity {
    groups = List.copyOf(groups);
  }
}
