/**
 * {@code /api/v1/policies}: the deny rules, and a test endpoint that shows what a sample request or
 * response would meet.
 */
package dev.gatehouse.api.policy;
