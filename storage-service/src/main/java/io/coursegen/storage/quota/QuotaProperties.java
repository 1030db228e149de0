package io.coursegen.storage.quota;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The limits every tenant gets; 0 turns a limit off.
 *
 * @param submissionsPerMinute the bucket's refill: new courses a tenant may submit per minute, sustained
 * @param submissionBurst      the bucket's size: how many at once after a quiet spell
 * @param maxQueued            courses a tenant may have waiting for admission (QUEUED) at once
 * @param regenerationsPerHour lessons a tenant may have written again per hour (a bucket of that size, refilled
 *                             evenly over the hour): each is two model calls, text and picture, outside admission
 * @param monthlyBudgetUsd     what a tenant may spend on model calls per calendar month (UTC), in USD at the
 *                             {@code coursegen.pricing} table: each submission reserves its estimate and is refused
 *                             when that would pass the budget
 */
@ConfigurationProperties("coursegen.quotas")
public record QuotaProperties(
        @DefaultValue("60") int submissionsPerMinute,
        @DefaultValue("60") int submissionBurst,
        @DefaultValue("500") int maxQueued,
        @DefaultValue("30") int regenerationsPerHour,
        @DefaultValue("100") double monthlyBudgetUsd) {

    public QuotaProperties {
        if (submissionsPerMinute < 0 || submissionBurst < 0 || maxQueued < 0 || regenerationsPerHour < 0
                || monthlyBudgetUsd < 0 || Double.isNaN(monthlyBudgetUsd)) {
            throw new IllegalArgumentException("coursegen.quotas limits are 0 (off) or positive");
        }
        if (submissionsPerMinute > 0 && submissionBurst < 1) {
            throw new IllegalArgumentException("coursegen.quotas.submission-burst must be at least 1 when submissions "
                    + "per minute are limited");
        }
    }
}
