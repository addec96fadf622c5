/** {@code /api/v1/admin-events}: the record of operators' changes, newest first. */
package dev.gatehouse.api.admin;
