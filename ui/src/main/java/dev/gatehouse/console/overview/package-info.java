/** The overview: traffic of the last hour. */
package dev.gatehouse.console.overview;
