/**
 * Rate limits per caller and per connection: requests per window and requests in flight, checked on
 * the proxy path right after the caller is known. Counters live in Payara's Hazelcast data grid, so
 * the limits hold across every instance of a cluster; a refusal is 429 with {@code Retry-After}.
 */
package dev.gatehouse.ratelimit;
