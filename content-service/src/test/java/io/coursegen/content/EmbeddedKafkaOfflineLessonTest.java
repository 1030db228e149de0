package io.coursegen.content;

import org.springframework.kafka.test.context.EmbeddedKafka;

@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class EmbeddedKafkaOfflineLessonTest extends OfflineLessonScenario {
}
