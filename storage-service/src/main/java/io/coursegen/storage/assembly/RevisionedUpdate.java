package io.coursegen.storage.assembly;

import org.springframework.data.mongodb.core.query.Update;

/**
 * The update of a lesson text or picture, which depends on whether the owner asked for a newer revision of its
 * lesson since it was requested.
 *
 * @param requestedRevisionPath where the course holds the revision its latest regeneration asked for
 * @param revision              of this result
 * @param show                  applied unless a newer revision was asked for: the result becomes the shown one
 * @param keep                  applied otherwise: the result is added to the versions (once, however often replayed)
 */
record RevisionedUpdate(String requestedRevisionPath, int revision, Update show, Update keep) {
}
