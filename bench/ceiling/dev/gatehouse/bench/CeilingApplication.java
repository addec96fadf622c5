package dev.gatehouse.bench;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The platform ceiling of bench/run: a JAX-RS application deployed beside Gatehouse in the same
 * Payara domain (context root {@code /ceiling}) that answers from memory. Whatever Gatehouse adds
 * is measured against it. Not part of the product: bench/run compiles and deploys it.
 */
@ApplicationPath("/")
public class CeilingApplication extends Application {}
