/**
 * Webhooks: a tenant registers URLs for course status event types and receives each matching
 * {@code course.status} snapshot as a signed HTTP POST, for teams that cannot read Kafka. storage-service
 * owns them because it owns MongoDB (registrations and pending deliveries must survive restarts) and produces
 * the status events itself. Deliveries follow Standard Webhooks (id, timestamp and HMAC-SHA256 signature
 * headers), are retried with exponential back-off up to a bound, and their last outcome is shown to the
 * tenant. Only http(s) URLs whose every address is public are accepted or called (no loopback, private or
 * link-local targets), unless configuration allows private addresses, so a webhook cannot reach inside the
 * platform's network.
 */
package io.coursegen.storage.webhooks;
