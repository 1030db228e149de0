/**
 * Connects picture work to Kafka: each {@code image.requested} is planned, rendered and stored, then
 * announced as {@code image.generated} (keyed by courseId) before the offset is committed, so a crash
 * at any point means a redelivery, never a lost picture. Failures simply throw: the shared error handler
 * retries and dead-letters, and {@link io.coursegen.image.messaging.FailureReporting} then tells the
 * course that this picture failed for good.
 */
package io.coursegen.image.messaging;
