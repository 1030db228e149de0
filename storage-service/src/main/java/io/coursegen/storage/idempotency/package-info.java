/**
 * Idempotency keys of course submissions: which course a tenant's {@code Idempotency-Key} stands for, and
 * whether a repeated submission is the same request. The gateway asks here before it publishes, so the key
 * holds across gateway instances, and the course exists for reads from the moment its key is reserved.
 */
package io.coursegen.storage.idempotency;
