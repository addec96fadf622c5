/**
 * Authentication and role checks for the admin API: bearer tokens verified by the identity wing,
 * groups mapped to operator roles, every refusal audited and answered with a problem document.
 */
package dev.gatehouse.api.security;
