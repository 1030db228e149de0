/**
 * Course submissions by event: teams without a reason to call HTTP produce to the public topic
 * {@code course.requests}, and the gateway admits each record exactly as it admits
 * {@code POST /api/v1/courses} (same API keys, same validation and defaults, same idempotency through
 * storage-service, with the requestId as the key), so REST and events cannot drift apart. A record that
 * cannot be admitted is answered on {@code course.status} with a {@code CourseRejected} naming every reason
 * and dead-lettered, so a bad record never blocks its partition. Where Kafka runs with SASL and ACLs
 * ({@code coursegen.gateway.intake.authentication=principal}) a tenant submits instead on its own topic
 * {@code course.requests.<tenantId>}, which only its Kafka principal may write: the broker authenticates, the topic
 * names the tenant ({@link io.coursegen.gateway.intake.Submitters}), and no API key rides on the record.
 */
package io.coursegen.gateway.intake;
