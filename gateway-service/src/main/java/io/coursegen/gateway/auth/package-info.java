/**
 * Who is calling: every {@code /api/**} request must carry an API key that maps to a tenant, because a
 * course belongs to the tenant that created it and storage-service believes the tenant the gateway names (signed,
 * see course-contracts' {@code GatewayProof}). Keys come from {@code COURSEGEN_API_KEYS} or from the admin API (kept
 * hashed by storage-service, looked up through a cache of at most 1 s, {@link io.coursegen.gateway.auth.StoredKeys});
 * {@code /admin/**} needs {@code X-Admin-Key}. Keys are kept only as hashes and never logged; actuator endpoints stay
 * open for probes.
 */
package io.coursegen.gateway.auth;
