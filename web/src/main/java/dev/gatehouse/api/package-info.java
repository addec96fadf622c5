/**
 * The HTTP entrances of Gatehouse: the proxy endpoint under {@code /gw} and the admin API under
 * {@code /api/v1}. Thin by design: they translate HTTP to calls on the services of the EJB module
 * and render refusals as problem documents.
 */
package dev.gatehouse.api;
