/**
 * The owner's request to write one lesson of a completed course again, text and picture (or only draw its picture
 * again), optionally with their wish for it. The text and picture shown so far become versions and the course is GENERATING again, in one
 * conditional MongoDB update that only a course still COMPLETED and unchanged since it was read accepts; the
 * requests then go to content-service and image-service carrying the new revision, so results of an older revision
 * arriving late are kept as versions rather than shown. Which requests, and to which partitions, is not decided
 * here: course-contracts' {@code PartRequests} derives them from the stored outline exactly as outline-service's
 * fan-out did, and kafka-defaults' {@code PartSpread} sends them where the first requests went.
 */
package io.coursegen.storage.regeneration;
