package io.coursegen.storage.admission;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxInFlight          courses generating at once, across tenants; size it to what the model quota keeps busy
 *                             (more only lengthens every course's wait inside the pipeline, less leaves quota unused);
 *                             0 pauses admission (maintenance, a provider outage): courses are still accepted and
 *                             readable, and wait until it is raised again
 * @param maxInFlightPerTenant a cap for one tenant below {@code maxInFlight}; 0 = none (fair ordering alone)
 * @param sweepInterval        how often the waiting room is looked at without a wake-up (after a crash, say)
 */
@ConfigurationProperties("coursegen.admission")
public record AdmissionProperties(
        @DefaultValue("32") int maxInFlight,
        @DefaultValue("0") int maxInFlightPerTenant,
        @DefaultValue("1s") Duration sweepInterval) {

    public AdmissionProperties {
        if (maxInFlight < 0 || maxInFlightPerTenant < 0) {
            throw new IllegalArgumentException("coursegen.admission.max-in-flight must be at least 0 and "
                    + "max-in-flight-per-tenant at least 0, were " + maxInFlight + " and " + maxInFlightPerTenant);
        }
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("coursegen.admission.sweep-interval must be positive, was " + sweepInterval);
        }
    }

    FairShare fairShare() {
        return new FairShare(maxInFlight, maxInFlightPerTenant == 0 ? maxInFlight : maxInFlightPerTenant);
    }
}
