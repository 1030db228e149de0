package io.coursegen.storage.webhooks;

import java.util.List;

/**
 * The body of {@code POST /api/v1/webhooks}.
 *
 * @param eventTypes {@code course.<status>} types to receive; absent or empty = course.completed, course.failed
 *                   and course.cancelled
 */
record WebhookRegistration(String url, List<String> eventTypes) {
}
