/**
 * The HTTP entrances of Gatehouse: the proxy endpoint under {@code /gw}, the admin API under {@code
 * /api/v1}, and the metadata of the proxy's resources under {@code /.well-known}. Thin by design:
 * they translate HTTP to calls on the services of the EJB module and render refusals as problem
 * documents.
 */
package dev.gatehouse.api;
