/**
 * The gateway's only way to course data: storage-service owns it, so reads are forwarded there with the
 * authenticated tenant in a trusted header. Malformed ids and query strings are refused before they leave
 * the gateway, and storage failures become a retryable 503 rather than leaking internals.
 */
package io.coursegen.gateway.storage;
