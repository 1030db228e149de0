package io.coursegen.content.messaging;

import io.coursegen.contracts.LessonRequested;
import io.coursegen.kafka.DeadLetterCallback;
import io.coursegen.kafka.FailureReasons;
import io.coursegen.kafka.PartFailureReporter;
import io.coursegen.llm.InvalidAnswerException;
import io.coursegen.llm.ModelFailures;
import io.coursegen.llm.moderation.FlaggedOutputException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A lesson that could not be written, even after retries, fails that lesson's part of the course, so
 * the course is marked failed instead of waiting for a deadline. A lesson the content policy flagged twice is
 * reported as {@code moderation: <categories>}.
 */
@Configuration(proxyBeanMethods = false)
class FailureReporting {

    @Bean
    DeadLetterCallback lessonFailures(KafkaTemplate<String, Object> kafka, JsonMapper json) {
        return new PartFailureReporter<>(LessonRequested.class, LessonRequested::courseId,
                request -> request.lesson() == null || request.lesson().lessonId() == null ? null
                        : "lesson:" + request.lesson().lessonId(),
                FailureReporting::reason, kafka, json);
    }

    /** {@code moderation: <categories>} for a twice-flagged lesson, else the model's failure without its text. */
    static String reason(Throwable cause) {
        return FlaggedOutputException.in(cause).map(Throwable::getMessage).orElseGet(() -> ModelFailures
                .hidingProviderText(FailureReasons.preferring(InvalidAnswerException.class)).apply(cause));
    }
}
