/**
 * storage-service is the only owner of MongoDB: it assembles each course document from the pipeline's
 * events ({@code assembly}), decides when a course is complete or failed and announces it, and serves
 * the read API with presigned media URLs ({@code api}, {@code media}). Keeping one owner means every
 * write path is in this service, so idempotency and the completion rule live in one place.
 */
package io.coursegen.storage;
