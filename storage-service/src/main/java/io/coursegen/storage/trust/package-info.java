/**
 * Whom storage-service serves: only requests a gateway signed ({@link io.coursegen.contracts.GatewayProof}), so the
 * tenant header is believed only from a gateway that authenticated the tenant. Probes and metrics
 * ({@code /actuator}) stay open to the orchestrator and Prometheus.
 */
package io.coursegen.storage.trust;
