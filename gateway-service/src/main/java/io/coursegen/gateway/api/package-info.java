/**
 * The public REST API (v1): course requests are validated and defaulted here and handed to storage-service,
 * answered 202 once it stored the course; reads are forwarded to storage-service. Every error, whatever its source, is answered as an RFC 9457 problem.
 */
package io.coursegen.gateway.api;
