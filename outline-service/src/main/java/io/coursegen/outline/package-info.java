/**
 * outline-service plans a requested course with one structured LLM call and fans the plan out: it
 * consumes {@code course.admitted} (a requested course storage admitted), publishes {@code course.outlined}, then one {@code lesson.requested}
 * and one {@code image.requested} per lesson plus one for the cover, so lessons and pictures are produced
 * in parallel from the same outline.
 */
package io.coursegen.outline;
