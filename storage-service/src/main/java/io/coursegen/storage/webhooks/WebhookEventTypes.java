package io.coursegen.storage.webhooks;

import io.coursegen.contracts.CourseStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The event types a webhook can subscribe to: one per course status, {@code course.<status>}. */
final class WebhookEventTypes {

    static final List<String> ALL = Arrays.stream(CourseStatus.values()).map(WebhookEventTypes::of).toList();
    /** What a registration without event types receives: the outcomes. */
    static final List<String> DEFAULT = List.of(of(CourseStatus.COMPLETED), of(CourseStatus.FAILED),
            of(CourseStatus.CANCELLED));

    private WebhookEventTypes() {
    }

    static String of(CourseStatus status) {
        return "course." + status.name().toLowerCase(Locale.ROOT);
    }
}
