/**
 * The Kafka side: consumes {@code lesson.requested}, publishes {@code lesson.generated} and waits for
 * the broker's acknowledgement before the offset is committed, so a crash never loses a lesson. Failures
 * simply throw; the shared error handler retries and dead-letters, and this package then reports the
 * lesson as failed on {@code course.part-failed} so the course can reach a final status.
 */
package io.coursegen.content.messaging;
