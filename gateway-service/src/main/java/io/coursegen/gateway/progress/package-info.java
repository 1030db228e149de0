/**
 * Live progress for clients: each gateway instance reads {@code course.status} in its own consumer group
 * and serves server-sent event streams that start from storage-service's snapshot and end with the
 * course's final status. Nothing here is stored; a restarted gateway only loses open connections, which
 * clients reopen.
 */
package io.coursegen.gateway.progress;
