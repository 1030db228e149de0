/**
 * Where a course comes to exist: the gateway hands every accepted submission to {@link
 * io.coursegen.storage.intake.CourseIntake}, which stores it as QUEUED in one insert (claiming its idempotency key
 * first, if it has one) before the submitter gets its 202. See the module README, "One way in".
 */
package io.coursegen.storage.intake;
