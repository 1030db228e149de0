/**
 * The stored course document, shared by the writers ({@code assembly}) and the readers ({@code api}):
 * its collection, field names, map-key encoding and the typed view read from it. One definition keeps
 * the two sides from drifting apart. Lessons, pictures, usage and failures are maps keyed by part id so
 * that every event touches its own paths with a single-document {@code $set}, which is idempotent and
 * independent of the order in which events arrive.
 */
package io.coursegen.storage.course;
