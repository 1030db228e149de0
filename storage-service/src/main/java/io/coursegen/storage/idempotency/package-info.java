/**
 * Idempotency keys of course submissions: which course a tenant's {@code Idempotency-Key} stands for, and
 * whether a repeated submission is the same request. Kept by storage-service, so a key holds across gateway
 * instances; {@code storage.intake} claims a key in the same call that stores its course.
 */
package io.coursegen.storage.idempotency;
