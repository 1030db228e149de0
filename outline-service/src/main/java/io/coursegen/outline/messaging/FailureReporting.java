package io.coursegen.outline.messaging;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.kafka.DeadLetterCallback;
import io.coursegen.kafka.FailureReasons;
import io.coursegen.kafka.PartFailureReporter;
import io.coursegen.llm.InvalidAnswerException;
import io.coursegen.llm.ModelFailures;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A course request that could not be outlined, even after retries, fails the course's outline part, so
 * the course is marked failed instead of waiting for a deadline. A rejected model answer is reported by
 * what was wrong with it rather than by the JSON parser's complaint.
 */
@Configuration(proxyBeanMethods = false)
class FailureReporting {

    static final String PART_ID = "outline";

    @Bean
    DeadLetterCallback outlineFailures(KafkaTemplate<String, Object> kafka, JsonMapper json) {
        return new PartFailureReporter<>(CourseRequested.class, CourseRequested::courseId, request -> PART_ID,
                ModelFailures.hidingProviderText(FailureReasons.preferring(InvalidAnswerException.class)), kafka, json);
    }
}
