package io.coursegen.bench;

import java.util.Locale;

/**
 * One reported figure: what was measured, the bound it is set against, and the target for their ratio.
 *
 * @param id         the numbering (1a, 2, 6b, ...)
 * @param measured   NaN when it could not be measured
 * @param bound      what the figure is compared with (the bare endpoint, the critical path, a limit); NaN for none
 * @param boundLabel what the bound is, in a few words
 * @param target     the target for {@code measured / bound}, or null when the issue sets none
 */
record Figure(String id, String name, double measured, double bound, String unit, String boundLabel, Double target,
              Goal goal) {

    enum Goal { AT_LEAST, AT_MOST, EXACTLY }

    static Figure atLeast(String id, String name, double measured, double bound, String unit, String boundLabel,
            Double target) {
        return new Figure(id, name, measured, bound, unit, boundLabel, target, Goal.AT_LEAST);
    }

    static Figure atMost(String id, String name, double measured, double bound, String unit, String boundLabel,
            Double target) {
        return new Figure(id, name, measured, bound, unit, boundLabel, target, Goal.AT_MOST);
    }

    static Figure exactly(String id, String name, double measured, double bound, String unit, String boundLabel) {
        return new Figure(id, name, measured, bound, unit, boundLabel, 1.0, Goal.EXACTLY);
    }

    double ratio() {
        return bound == 0 || Double.isNaN(bound) || Double.isNaN(measured) ? Double.NaN : measured / bound;
    }

    /** Whether the ratio meets the target; null when there is no target or nothing to compare. */
    Boolean met() {
        double ratio = ratio();
        if (target == null || Double.isNaN(ratio)) {
            return null;
        }
        return switch (goal) {
            case AT_LEAST -> ratio >= target;
            case AT_MOST -> ratio <= target;
            case EXACTLY -> Math.abs(ratio - target) < 1e-9;
        };
    }

    String targetText() {
        if (target == null) {
            return "-";
        }
        return switch (goal) {
            case AT_LEAST -> ">= ";
            case AT_MOST -> "<= ";
            case EXACTLY -> "= ";
        } + number(target);
    }

    String row() {
        Boolean met = met();
        return "| " + id + " | " + name + " | " + amount(measured) + " | " + amount(bound)
                + (boundLabel.isEmpty() ? "" : " (" + boundLabel + ")") + " | " + number(ratio()) + " | " + targetText()
                + " | " + (met == null ? "-" : met ? "yes" : "**no**") + " |";
    }

    private String amount(double value) {
        return Double.isNaN(value) ? "n/a" : number(value) + (unit.isEmpty() ? "" : " " + unit);
    }

    /** Three significant figures or so, enough for figures this noisy. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, value);
    }
}
