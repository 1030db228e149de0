package io.coursegen.llm;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The model provider as this service sees it: down while the circuit breaker is open (recent calls failed so often
 * that none are made for a while), so readiness and dashboards show a provider outage; half open is up, since
 * trial calls are going through.
 */
class LlmCircuitHealthIndicator implements HealthIndicator {

    private final LlmProvider provider;
    private final LlmResilience resilience;

    /** @param resilience null for the offline provider, which calls no model */
    LlmCircuitHealthIndicator(LlmProvider provider, LlmResilience resilience) {
        this.provider = provider;
        this.resilience = resilience;
    }

    @Override
    public Health health() {
        if (resilience == null) {
            return Health.up().withDetail("provider", provider.id()).build();
        }
        CircuitBreaker.State state = resilience.circuitState();
        Health.Builder health = state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN
                ? Health.down() : Health.up();
        return health.withDetail("provider", provider.id()).withDetail("circuit", state.name()).build();
    }
}
