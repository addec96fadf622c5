/** Administration: the admin events. */
package dev.gatehouse.console.admin;
