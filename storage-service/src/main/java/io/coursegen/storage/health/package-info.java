/**
 * Health of what storage-service depends on, as operators and readiness probes see it.
 */
package io.coursegen.storage.health;
