package io.coursegen.image;

import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The scenario against an in-process Kafka broker (KRaft) and S3Proxy. */
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class EmbeddedImageServiceTest extends ImageServiceScenario {

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        registry.add("coursegen.s3.endpoint", EmbeddedS3::endpoint);
        registry.add("coursegen.s3.access-key", () -> EmbeddedS3.ACCESS_KEY);
        registry.add("coursegen.s3.secret-key", () -> EmbeddedS3.SECRET_KEY);
    }
}
