/**
 * Each tenant's own status feed on Kafka: where Kafka runs with ACLs, a tenant's principal may read only
 * {@code course.status.<tenantId>}, and this package fills it with a copy of every {@code course.status} record that
 * names the tenant (same key, value and headers). A topic per tenant and not a filtered view of the shared topic,
 * because Kafka authorizes by topic (and consumer group), never by record: a principal allowed to read
 * {@code course.status} reads every tenant's courses, whatever filter its client applies, so the only isolation the
 * broker can enforce is a topic only that tenant may read. The copy is made by storage-service because it already
 * produces the snapshots (and owns {@code course.status}); it runs in a consumer group of its own and commits a record
 * only after the copy is acknowledged, so a crash re-copies (a duplicate snapshot, which consumers already tolerate)
 * and never skips one. Off unless {@code coursegen.status-feed.per-tenant-topics} is true, and a record whose tenant
 * has no topic (yet) is skipped, not sent: with topic auto-creation off a send to a missing topic would block the
 * listener, with it on it would create topics nobody provisioned or may read.
 */
package io.coursegen.storage.statusfeed;
