/**
 * Kafka reliability defaults shared by every Coursegen service, applied by auto-configuration: values
 * are JSON written from the contract records and read into the listener's parameter type, and every
 * record carries the CloudEvents attributes as {@code ce_*} headers
 * ({@link io.coursegen.kafka.CloudEventHeaders}); producers wait for all replicas and are idempotent;
 * listeners commit after their work; a failing record is retried with exponential back-off and then
 * published to {@code <topic>.DLT} (a record that cannot be read goes there at once, so it never blocks
 * its partition). With a record secret every record is signed as its service and, on the internal topics, a record
 * whose topic's owner did not sign it is ignored ({@link io.coursegen.kafka.RecordProvenance},
 * {@link io.coursegen.kafka.ProvenanceCheck}): where Kafka has no ACLs, nothing else keeps other clients from writing
 * them. The services that call models switch on {@link io.coursegen.kafka.CancelledCourses},
 * their shared memory of {@code course.cancelled}. What operators see is set here too
 * ({@link io.coursegen.kafka.ObservabilityDefaults}): one trace per course, JSON logs in which
 * every line about a course names it and its tenant ({@link io.coursegen.kafka.CourseLogContext}), Kafka spans
 * tagged the same way ({@link io.coursegen.kafka.CourseSpanTags}), and HTTP latency histograms. Work requests
 * go out through {@link io.coursegen.kafka.PartSpread}, so outline-service and storage-service put a course's
 * parts on the same partitions.
 */
package io.coursegen.kafka;
