/** Readiness of the application for load balancers and {@code gatehouse up}. */
package dev.gatehouse.api.health;
