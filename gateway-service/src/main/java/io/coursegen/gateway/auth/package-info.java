/**
 * Who is calling: every {@code /api/**} request must carry an API key that maps to a tenant, because a
 * course belongs to the tenant that created it and storage-service trusts the tenant header the gateway
 * sets. Keys are kept only as hashes and never logged; actuator endpoints stay open for probes.
 */
package io.coursegen.gateway.auth;
