package io.coursegen.storage.api;

import io.coursegen.contracts.CourseStatus;
import java.util.Locale;

/**
 * The list endpoint's parameters, validated.
 *
 * @param status null for every status
 * @param after  null for the first page
 */
record ListQuery(CourseStatus status, int limit, PageCursor after) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    /** @throws BadRequestException naming the parameter that is wrong */
    static ListQuery parse(String status, String limit, String cursor) {
        return new ListQuery(status(status), limit(limit), cursor(cursor));
    }

    private static CourseStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return CourseStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("status must be one of QUEUED, OUTLINING, GENERATING, COMPLETED, FAILED, "
                    + "CANCELLED");
        }
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below like any other out-of-range value
        }
        throw new BadRequestException("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static PageCursor cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return PageCursor.decode(cursor.trim());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("cursor is not valid; use the nextCursor of a previous page");
        }
    }
}
