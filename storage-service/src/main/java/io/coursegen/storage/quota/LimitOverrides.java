package io.coursegen.storage.quota;

/**
 * One tenant's own limits where they differ from everyone's ({@link QuotaProperties}); null keeps the default, 0
 * turns the limit off for this tenant.
 *
 * @param monthlyBudgetUsd what the tenant may spend on model calls per calendar month (UTC), in USD
 */
public record LimitOverrides(
        Integer submissionsPerMinute,
        Integer submissionBurst,
        Integer maxQueued,
        Integer regenerationsPerHour,
        Double monthlyBudgetUsd) {

    public static final LimitOverrides NONE = new LimitOverrides(null, null, null, null, null);

    public LimitOverrides {
        for (Integer limit : new Integer[] {submissionsPerMinute, submissionBurst, maxQueued, regenerationsPerHour}) {
            if (limit != null && limit < 0) {
                throw new IllegalArgumentException("limits are 0 (off) or positive");
            }
        }
        if (monthlyBudgetUsd != null && (monthlyBudgetUsd < 0 || monthlyBudgetUsd.isNaN() || monthlyBudgetUsd.isInfinite())) {
            throw new IllegalArgumentException("monthlyBudgetUsd is 0 (off) or a positive number of USD");
        }
    }

    /** The limits that hold for the tenant: these where set, the defaults elsewhere. */
    public Limits over(QuotaProperties defaults) {
        return new Limits(
                submissionsPerMinute != null ? submissionsPerMinute : defaults.submissionsPerMinute(),
                submissionBurst != null ? submissionBurst : defaults.submissionBurst(),
                maxQueued != null ? maxQueued : defaults.maxQueued(),
                regenerationsPerHour != null ? regenerationsPerHour : defaults.regenerationsPerHour(),
                monthlyBudgetUsd != null ? monthlyBudgetUsd : defaults.monthlyBudgetUsd());
    }
}
