/**
 * Outline review: a course asked for with {@code "review": "outline"} stops at {@code OUTLINE_READY}, and its owner
 * reads, edits and approves the outline here. storage-service holds the outline and its revision and decides every
 * answer (stale revisions, invalid outlines, the budget); the gateway authenticates the caller and forwards, as it
 * does for course reads, with the revision as the ETag out and {@code If-Match} in.
 */
package io.coursegen.gateway.review;
