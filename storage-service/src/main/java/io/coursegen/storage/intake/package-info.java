/**
 * Courses the gateway accepted, stored as QUEUED before their request is published: a read straight after a
 * submission then finds the course whichever gateway instance answers it.
 */
package io.coursegen.storage.intake;
