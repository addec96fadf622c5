/** Policies: the rule list, the editor and the test box. */
package dev.gatehouse.console.policies;
