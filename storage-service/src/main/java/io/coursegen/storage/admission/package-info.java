/**
 * The waiting room: which requested courses may start generating. Every model call of every course shares one
 * provider quota, and Kafka serves each topic first come, first served, so a tenant submitting 500 courses at once
 * would put every lesson of them in front of another tenant's single course. Storage therefore admits courses
 * ({@code course.admitted}, which outline-service consumes) only while fewer than {@code max-in-flight} are
 * generating, and always admits next the waiting course of the tenant with the fewest courses in flight (oldest
 * first among equals): a small tenant's course waits for at most one course to finish, then competes with
 * {@code max-in-flight} others instead of with a whole burst. Sized near what the quota keeps busy, the limit costs
 * no throughput; {@code max-in-flight-per-tenant} can cap one tenant further.
 *
 * <p>The state lives in MongoDB ({@link io.coursegen.storage.admission.AdmissionRoom}'s two small collections,
 * checked against the course documents), so every storage instance sees the same room and a crash loses
 * nothing: a course is announced before it is marked admitted (a crash in between announces it again, which
 * outline-service ignores for an outlined course), and a sweep every second repairs any missed wake-up. Two instances may admit at the same moment and exceed the limit by one course each;
 * the limit is a share of capacity, not a quota, so that is harmless.
 *
 * <p>A course waiting for its owner's review of the outline ({@code OUTLINE_READY}) holds no place; once approved it
 * waits here again, and its admission requests the approved outline's lessons and pictures instead of announcing it
 * on {@code course.admitted} (see {@code storage.review}).
 */
package io.coursegen.storage.admission;
