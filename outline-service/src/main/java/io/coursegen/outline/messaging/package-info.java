/**
 * The Kafka side: consumes {@code course.admitted} (a requested course storage admitted), publishes the fan-out and waits for the broker's
 * acknowledgements before the offset is committed, so a crash never loses a request. Failures simply
 * throw; the shared error handler retries and dead-letters, and this package then reports the outline
 * as failed on {@code course.part-failed} so the course can reach a final status.
 */
package io.coursegen.outline.messaging;
