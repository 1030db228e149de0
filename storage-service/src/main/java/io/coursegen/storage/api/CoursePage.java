package io.coursegen.storage.api;

import io.coursegen.contracts.CourseStatus;
import java.time.Instant;
import java.util.List;

/** @param nextCursor pass as {@code cursor} for the next page; null on the last page */
record CoursePage(List<Item> items, String nextCursor) {

    /** @param title the outline's title, null until outlined */
    record Item(String courseId, CourseStatus status, String topic, String title, CourseView.Progress progress,
                Instant createdAt, Instant completedAt) {
    }
}
