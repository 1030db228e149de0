/**
 * The event interface's documentation, served as published: the AsyncAPI document and the JSON Schema of
 * every event, read once from the course-contracts jar, so what other teams read is exactly what the
 * services were built and tested against. Public (no API key): it describes the interface, not a
 * tenant's data.
 */
package io.coursegen.gateway.contract;
