package io.coursegen.storage.quota;

/** The limits that hold for one tenant now (its overrides over the defaults); 0 means no limit. */
public record Limits(
        int submissionsPerMinute,
        int submissionBurst,
        int maxQueued,
        int regenerationsPerHour,
        double monthlyBudgetUsd) {
}
