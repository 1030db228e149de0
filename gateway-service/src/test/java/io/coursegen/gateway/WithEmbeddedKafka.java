package io.coursegen.gateway;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** One in-process KRaft broker, declared identically everywhere so all test classes share one context. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public @interface WithEmbeddedKafka {
}
