/**
 * Webhooks: a tenant registers URLs for course status event types and receives each matching
 * {@code course.status} snapshot as a signed HTTP POST, for teams that cannot read Kafka. storage-service
 * owns them because it owns MongoDB (registrations and pending deliveries must survive restarts) and produces
 * the status events itself. Deliveries follow Standard Webhooks (id, timestamp and HMAC-SHA256 signature
 * headers), are retried with exponential back-off up to a bound, and their last outcome is shown to the
 * tenant. Only http(s) URLs whose every address is public are accepted or called (no loopback, private or
 * link-local targets), unless configuration allows private addresses, so a webhook cannot reach inside the
 * platform's network. A delivery connects only to the addresses its own single lookup returned and
 * {@code WebhookTargets} accepted ({@code WebhookAddressResolver}), so a name that answers differently when
 * asked again (DNS rebinding) cannot redirect it.
 */
package io.coursegen.storage.webhooks;
