package io.coursegen.storage.budget;

import static io.coursegen.storage.course.CourseDocuments.BUDGET;
import static io.coursegen.storage.course.CourseDocuments.COLLECTION;
import static io.coursegen.storage.course.CourseDocuments.ID;
import static io.coursegen.storage.course.CourseDocuments.TENANT_ID;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.storage.course.CourseDocuments;
import io.coursegen.storage.course.Estimate;
import io.coursegen.storage.course.FieldKeys;
import io.coursegen.storage.course.UsageTotals;
import io.coursegen.storage.metrics.ModelPrices;
import io.coursegen.storage.quota.Limits;
import io.coursegen.storage.quota.Refusal;
import io.coursegen.storage.quota.TenantLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Each course's account with its tenant's monthly budget (see the package documentation). The course document
 * keeps, under {@code budget}, the month it is charged to, the micro-USD still reserved for it and what was settled
 * so far; a settlement moves both at once with a conditional update, so it happens once however many instances try.
 */
@Component
public class CourseBudgets {

    private static final Logger log = LoggerFactory.getLogger(CourseBudgets.class);
    private static final String MONTH = "month";
    private static final String RESERVED = "reservedMicros";
    private static final String SETTLED = "settledMicros";
    private static final int ATTEMPTS = 5;

    private final ReactiveMongoTemplate mongo;
    private final CourseDocuments documents;
    private final TenantLimits limits;
    private final CostEstimates estimates;
    private final MonthlySpend spend;
    private final ModelPrices prices;
    private final Clock clock;

    CourseBudgets(ReactiveMongoTemplate mongo, CourseDocuments documents, TenantLimits limits, CostEstimates estimates,
            MonthlySpend spend, ModelPrices prices) {
        this.mongo = mongo;
        this.documents = documents;
        this.limits = limits;
        this.estimates = estimates;
        this.spend = spend;
        this.prices = prices;
        this.clock = Clock.systemUTC();
    }

    /** Reserves a new course's estimate against this month's budget (the tenant's limits now), or says why not. */
    public Mono<Reservation> reserve(String tenantId, CourseSpec spec, Limits tenantLimits) {
        Instant now = clock.instant();
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        return estimates.of(spec, now).flatMap(estimate -> {
            long micros = micros(estimate.costUsd());
            return spend.reserve(tenantId, month, micros, micros(tenantLimits.monthlyBudgetUsd()))
                    .flatMap(reserved -> reserved
                            ? Mono.just(new Reservation(null, estimate, new Document(MONTH, month.toString())
                                    .append(RESERVED, micros).append(SETTLED, 0L)))
                            : overBudget(tenantId, month, tenantLimits, "this course's estimated $"
                                    + usd(estimate.costUsd())).map(refusal -> new Reservation(refusal, estimate, null)));
        });
    }

    /** Gives back a reservation whose course was not stored after all. */
    public Mono<Void> release(String tenantId, Reservation reservation) {
        return reservation.refused() ? Mono.empty() : spend.settle(tenantId, YearMonth.parse(reservation.account().getString(MONTH)),
                reservation.account().getLong(RESERVED), 0);
    }

    /**
     * Reserves one lesson's regeneration (its text and picture) on the course's account, charged to the month the
     * course was; empty when reserved. A reservation whose regeneration does not start is released by {@link #settle}.
     */
    public Mono<Refusal> reserveRegeneration(String tenantId, Document course) {
        long micros = micros(estimates.regenerationUsd());
        YearMonth month = month(course);
        return limits.of(tenantId).flatMap(tenantLimits -> spend.reserve(tenantId, month, micros,
                        micros(tenantLimits.monthlyBudgetUsd()))
                .flatMap(reserved -> reserved
                        ? mongo.updateFirst(query(where(ID).is(course.getString(ID))), new Update()
                                .set(FieldKeys.path(BUDGET, MONTH), month.toString())
                                .inc(FieldKeys.path(BUDGET, RESERVED), micros), COLLECTION).then(Mono.<Refusal>empty())
                        : overBudget(tenantId, month, tenantLimits, "a lesson's regeneration, estimated at $"
                                + usd(estimates.regenerationUsd()))));
    }

    /**
     * Reserves, on the course's account, what an approved outline is expected to cost beyond what the course already
     * had reserved for it (an outline its owner made longer than requested); empty when reserved or when nothing more
     * is needed. What stays reserved beyond the real cost is given back when the course is settled.
     *
     * @param reservedUsd what the course's estimate reserved so far
     */
    public Mono<Refusal> reserveApproval(String tenantId, Document course, double reservedUsd, int approvedLessons) {
        double approvedUsd = estimates.costUsd(approvedLessons);
        long micros = micros(approvedUsd) - micros(reservedUsd);
        if (micros <= 0) {
            return Mono.empty();
        }
        YearMonth month = month(course);
        return limits.of(tenantId).flatMap(tenantLimits -> spend.reserve(tenantId, month, micros,
                        micros(tenantLimits.monthlyBudgetUsd()))
                .flatMap(reserved -> reserved
                        ? mongo.updateFirst(query(where(ID).is(course.getString(ID))), new Update()
                                .set(FieldKeys.path(BUDGET, MONTH), month.toString())
                                .inc(FieldKeys.path(BUDGET, RESERVED), micros), COLLECTION).then(Mono.<Refusal>empty())
                        : overBudget(tenantId, month, tenantLimits, "the approved outline's further estimated $"
                                + usd(micros / 1e6))));
    }

    /**
     * Charges the course's month with what its parts cost since the last settlement and releases what is still
     * reserved for it. Called when a course reaches a final status (again, after a regeneration). Never fails: a
     * settlement that cannot be written now is logged, and the next one for the course includes it.
     */
    public Mono<Void> settle(String courseId) {
        return settle(courseId, 1).onErrorResume(error -> Mono.fromRunnable(() -> log.warn(
                "Could not settle the spend of course {} now: {}", courseId, error.toString())));
    }

    private Mono<Void> settle(String courseId, int attempt) {
        return mongo.findById(courseId, Document.class, COLLECTION).flatMap(course -> {
            Document account = course.get(BUDGET, Document.class);
            if (account == null) {
                return Mono.empty(); // submitted before budgets existed
            }
            long reserved = number(account, RESERVED);
            long settled = number(account, SETTLED);
            long cost = micros(prices.costUsd(UsageTotals.parts(documents.read(course))));
            if (reserved == 0 && cost == settled) {
                return Mono.empty();
            }
            return mongo.updateFirst(query(where(ID).is(courseId)
                                    .and(FieldKeys.path(BUDGET, RESERVED)).is(account.get(RESERVED))
                                    .and(FieldKeys.path(BUDGET, SETTLED)).is(account.get(SETTLED))),
                            new Update().set(FieldKeys.path(BUDGET, RESERVED), 0L).set(FieldKeys.path(BUDGET, SETTLED), cost),
                            COLLECTION)
                    .flatMap(result -> result.getMatchedCount() == 1
                            ? spend.settle(course.getString(TENANT_ID), month(course), reserved, cost - settled)
                            : attempt < ATTEMPTS ? settle(courseId, attempt + 1)
                            : Mono.fromRunnable(() -> log.warn("Could not settle course {}: it kept changing", courseId)));
        });
    }

    /** The tenant's month: its budget, what was spent and is reserved. */
    public Mono<MonthUsage> month(String tenantId) {
        YearMonth month = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        return Mono.zip(limits.of(tenantId), spend.of(tenantId, month)).map(found -> new MonthUsage(month,
                found.getT1().monthlyBudgetUsd(), found.getT2().spentMicros() / 1e6, found.getT2().reservedMicros() / 1e6));
    }

    private Mono<Refusal> overBudget(String tenantId, YearMonth month, Limits tenantLimits, String what) {
        return spend.of(tenantId, month).map(account -> {
            Instant nextMonth = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            long untilNextMonth = Math.max(1, Duration.between(clock.instant(), nextMonth).toSeconds());
            double left = Math.max(0, tenantLimits.monthlyBudgetUsd() - (account.reservedMicros() + account.spentMicros()) / 1e6);
            return new Refusal(Refusal.Reason.BUDGET_EXHAUSTED, "Your budget of $" + usd(tenantLimits.monthlyBudgetUsd())
                    + " for " + month + " has $" + usd(left) + " left (spent and reserved for running courses), less than "
                    + what + "; it renews on " + month.plusMonths(1).atDay(1) + " (UTC)", untilNextMonth);
        });
    }

    private YearMonth month(Document course) {
        Document account = course.get(BUDGET, Document.class);
        return account != null && account.getString(MONTH) != null ? YearMonth.parse(account.getString(MONTH))
                : YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
    }

    static long micros(double usd) {
        return Math.round(usd * 1_000_000);
    }

    private static String usd(double usd) {
        return String.format(Locale.ROOT, "%.2f", usd);
    }

    private static long number(Document account, String field) {
        return account.get(field) instanceof Number number ? number.longValue() : 0;
    }

    /**
     * @param budgetUsd 0 when the tenant has no budget
     */
    public record MonthUsage(YearMonth month, double budgetUsd, double spentUsd, double reservedUsd) {
    }
}
