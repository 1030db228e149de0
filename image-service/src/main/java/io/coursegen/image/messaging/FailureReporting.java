package io.coursegen.image.messaging;

import io.coursegen.contracts.ImageRequested;
import io.coursegen.kafka.DeadLetterCallback;
import io.coursegen.kafka.PartFailureReporter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A picture that could not be made, even after retries, fails that picture's part of the course, so the
 * course can reach a final status instead of waiting for a picture that will not come.
 */
@Configuration(proxyBeanMethods = false)
class FailureReporting {

    @Bean
    DeadLetterCallback pictureFailures(KafkaTemplate<String, Object> kafka, JsonMapper json) {
        PictureFailureReason reason = new PictureFailureReason();
        return new PartFailureReporter<>(ImageRequested.class, ImageRequested::courseId,
                request -> request.imageId() == null || request.imageId().isBlank() ? null : "image:" + request.imageId(),
                reason::of, kafka, json);
    }
}
