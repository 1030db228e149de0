/**
 * Live progress for clients: each gateway instance reads {@code course.status} in its own consumer group
 * and serves server-sent event streams that start from storage-service's snapshot and end with the
 * course's final status. Nothing here is stored; a restarted gateway only loses open connections, which
 * clients reopen. What is counted across instances, each tenant's open streams, is counted in leased slots at
 * storage-service ({@link io.coursegen.gateway.progress.ProgressStreams}); a gateway that dies leaves its streams'
 * slots to come free after one lease.
 */
package io.coursegen.gateway.progress;
