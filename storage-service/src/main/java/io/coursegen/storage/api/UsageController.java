package io.coursegen.storage.api;

import io.coursegen.storage.budget.CourseBudgets;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A tenant's calendar month (UTC): its budget, what it spent and has reserved, and its courses by status. */
@RestController
class UsageController {

    private final CourseBudgets budgets;
    private final CourseReads reads;

    UsageController(CourseBudgets budgets, CourseReads reads) {
        this.budgets = budgets;
        this.reads = reads;
    }

    @GetMapping("/api/v1/usage")
    Mono<UsageView> usage(@RequestHeader(CourseController.TENANT_HEADER) String tenantId) {
        return budgets.month(tenantId).flatMap(month -> {
            YearMonth current = month.month();
            return reads.countByStatus(tenantId, current.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                            current.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                    .map(courses -> new UsageView(current.toString(),
                            month.budgetUsd() == 0 ? null : cents(month.budgetUsd()),
                            cents(month.spentUsd()), cents(month.reservedUsd()),
                            month.budgetUsd() == 0 ? null
                                    : cents(Math.max(0, month.budgetUsd() - month.spentUsd() - month.reservedUsd())),
                            courses));
        });
    }

    /** To a hundredth of a cent: small courses cost less than a cent. */
    private static BigDecimal cents(double usd) {
        return BigDecimal.valueOf(usd).setScale(4, RoundingMode.HALF_UP);
    }

    /**
     * @param month       {@code 2026-12}
     * @param budgetUsd   null when the tenant has no budget
     * @param spentUsd    what finished courses (and regenerations) cost, at the price table
     * @param reservedUsd estimates held for courses still running
     * @param remainingUsd what new courses may still reserve; null without a budget
     * @param courses     courses submitted this month by status
     */
    record UsageView(String month, BigDecimal budgetUsd, BigDecimal spentUsd, BigDecimal reservedUsd,
                     BigDecimal remainingUsd, Map<String, Long> courses) {
    }
}
