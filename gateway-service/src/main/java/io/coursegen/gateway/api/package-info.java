/**
 * The public REST API (v1): course requests are validated and defaulted here and become
 * {@code course.requested} records, answered 202 once Kafka has them; reads are forwarded to
 * storage-service. Every error, whatever its source, is answered as an RFC 9457 problem.
 */
package io.coursegen.gateway.api;
