package io.coursegen.outline;

import org.springframework.kafka.test.context.EmbeddedKafka;

@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class EmbeddedKafkaOpenAiOutlineTest extends OpenAiOutlineScenario {
}
