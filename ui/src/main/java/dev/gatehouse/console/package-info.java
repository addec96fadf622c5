/**
 * The operator console (Jakarta Faces). Pages live under {@code src/main/webapp}, their backing
 * beans in packages mirroring the page path; all text comes from the {@code messages} bundle.
 */
package dev.gatehouse.console;
