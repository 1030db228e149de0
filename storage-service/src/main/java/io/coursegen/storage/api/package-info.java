/**
 * The read API the gateway forwards to: one course with its lessons and presigned picture URLs, a tenant's
 * courses newest first with an opaque cursor, and a completed course as a download (built by {@code export}).
 * The caller's tenant arrives in the trusted {@code X-Coursegen-Tenant} header; another tenant's course answers
 * 404 exactly like a missing one, so ids reveal nothing. Every client error is an {@code application/problem+json}
 * answer, never a 500.
 */
package io.coursegen.storage.api;
