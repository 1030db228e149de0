/**
 * The owner's {@code DELETE} of a course: a course still being generated is cancelled (its status becomes
 * CANCELLED, which the completion rule never leaves, and {@code course.cancelled} tells the generating services
 * to start no further model call for it); a course already final is deleted. Both are single conditional
 * MongoDB operations, so a cancellation racing the course's own completion has exactly one winner.
 */
package io.coursegen.storage.cancellation;
