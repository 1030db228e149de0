/**
 * The owner's review of a course's outline before anything expensive runs. A course requested with
 * {@code review: outline} is admitted and outlined like any other, but outline-service requests no lesson or
 * picture for it; the assembler then holds it at {@code OUTLINE_READY} (outside the generation capacity). Its owner
 * may read the outline with the cost it implies, save edits to it (each a new outline revision, guarded by
 * {@code If-Match}, held to the same rules as a model's outline) and approve it: the course is QUEUED again, and when
 * admission gives it a place, admission requests exactly the approved outline's parts. An outline nobody approves
 * within {@code coursegen.review.timeout} is CANCELLED ({@link io.coursegen.storage.review.ReviewExpiry}).
 */
package io.coursegen.storage.review;
