package io.coursegen.kafka;

import io.coursegen.contracts.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.converter.ByteArrayJacksonJsonMessageConverter;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import tools.jackson.databind.json.JsonMapper;

/** See the package documentation. Spring Boot wires these beans into its listener container factory. */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(KafkaDefaultsProperties.class)
public class KafkaDefaultsAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaDefaultsAutoConfiguration.class);

    /**
     * Keys are courseIds; values are contract records as JSON without type headers, so any client can read them. With
     * a record secret every record is signed as this service ({@link RecordSigning}); the dead-letter publisher has
     * serializers of its own and sends its copies unsigned, with the original's headers (nobody checks a DLT).
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer coursegenProducerDefaults(JsonMapper jsonMapper, KafkaDefaultsProperties properties,
            Environment environment) {
        RecordSigning signing = recordProvenance(properties)
                .map(provenance -> new RecordSigning(provenance, producerName(environment)))
                .orElse(null);
        return factory -> {
            factory.updateConfigs(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
            // Kafka 4 waits 5 ms for a batch to fill by default; every send here is waited for before the work goes
            // on (a course's next step, a listener's commit), so the wait is pure latency on each hop. A service's own
            // spring.kafka.producer.properties.linger.ms still wins.
            if (!factory.getConfigurationProperties().containsKey(ProducerConfig.LINGER_MS_CONFIG)) {
                factory.updateConfigs(Map.of(ProducerConfig.LINGER_MS_CONFIG, 0));
            }
            JacksonJsonSerializer<Object> values = new JacksonJsonSerializer<>(jsonMapper);
            values.setAddTypeInfo(false);
            @SuppressWarnings({"unchecked", "rawtypes"})
            DefaultKafkaProducerFactory<String, Object> typed = (DefaultKafkaProducerFactory) factory;
            if (signing == null) {
                typed.setKeySerializer(new StringSerializer());
                typed.setValueSerializer(values);
            } else {
                typed.setKeySerializer(signing.keys(new StringSerializer()));
                typed.setValueSerializer(signing.values(values));
            }
        };
    }

    /**
     * Refuses records of unproven provenance on topics with owners ({@link ProvenanceCheck}); says once at start-up
     * when records are not checked, since then only Kafka's ACLs, if any, keep others from writing internal topics.
     */
    @Bean
    ProvenanceCheck coursegenProvenanceCheck(KafkaDefaultsProperties properties, Environment environment,
            ObjectProvider<MeterRegistry> meters) {
        Optional<RecordProvenance> provenance = recordProvenance(properties);
        if (provenance.isEmpty()) {
            log.warn("Internal Kafka records are not verified: any client that reaches the broker can write internal "
                    + "topics. Set COURSEGEN_KAFKA_RECORD_SECRET (the same on every service) or run Kafka with ACLs.");
            return ProvenanceCheck.none();
        }
        log.info("Kafka records are signed as {} and checked against each topic's owners", producerName(environment));
        return new ProvenanceCheck(provenance.get(), meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * Spring Boot gives the listener container factories (its own and any built with its configurer) the one
     * {@link RecordInterceptor} bean it finds: first the provenance check, then the course's log context. A service
     * that declares its own interceptor replaces both and must chain them itself.
     */
    @Bean
    @ConditionalOnMissingBean(RecordInterceptor.class)
    RecordInterceptor<Object, Object> coursegenRecordInterceptor(ProvenanceCheck provenance) {
        return new CompositeRecordInterceptor<>(provenance.interceptor(), new CourseLogContext());
    }

    private static Optional<RecordProvenance> recordProvenance(KafkaDefaultsProperties properties) {
        String secret = properties.recordSecret();
        return secret == null || secret.isBlank() ? Optional.empty()
                : Optional.of(new RecordProvenance(secret, properties.acceptedRecordSecrets()));
    }

    /** The name a service signs with is the one {@code TopicOwners} knows it by. */
    private static String producerName(Environment environment) {
        String name = environment.getProperty("spring.application.name");
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("spring.application.name must name the service to sign its Kafka records");
        }
        return name;
    }

    /**
     * Every producer made by the factory (the services' KafkaTemplate and the dead-letter publisher alike)
     * adds the CloudEvents headers, with {@code /coursegen/<spring.application.name>} as the source.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer coursegenCloudEventHeaders(Environment environment) {
        String source = CloudEventHeaders.sourceOf(environment.getProperty("spring.application.name"));
        return factory -> {
            List<Object> interceptors = new ArrayList<>();
            Object configured = factory.getConfigurationProperties().get(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);
            if (configured instanceof Collection<?> several) {
                interceptors.addAll(several);
            } else if (configured instanceof String names && !names.isBlank()) {
                interceptors.addAll(List.of(names.strip().split("\\s*,\\s*")));
            } else if (configured != null) {
                interceptors.add(configured);
            }
            interceptors.add(CloudEventHeaders.class.getName());
            factory.updateConfigs(Map.of(
                    ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, interceptors,
                    CloudEventHeaders.SOURCE_CONFIG, source));
        };
    }

    /**
     * Values arrive as bytes and become the listener's parameter type in the message converter, so a
     * record that is not valid JSON fails conversion (not retried) instead of the poll.
     */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer coursegenConsumerDefaults() {
        return factory -> {
            factory.updateConfigs(Map.of(
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
            // a crashed instance's partitions move on after 10 s instead of Kafka's 45 s, unless configured
            if (!factory.getConfigurationProperties().containsKey(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)) {
                factory.updateConfigs(Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000));
            }
            @SuppressWarnings({"unchecked", "rawtypes"})
            DefaultKafkaConsumerFactory<String, byte[]> typed = (DefaultKafkaConsumerFactory) factory;
            typed.setKeyDeserializer(new StringDeserializer());
            typed.setValueDeserializer(new ByteArrayDeserializer());
        };
    }

    /**
     * Every record a listener gets carries {@code kafka_deliveryAttempt}, and the dead-letter copy keeps it: an
     * operator reading a DLT sees how many times the record was tried.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> coursegenDeliveryAttempts() {
        return container -> container.getContainerProperties().setDeliveryAttemptHeader(true);
    }

    /** Spring Boot sets it on the listener container factory; the generating services scale their LLM quotas by it. */
    @Bean
    AssignedPartitions coursegenAssignedPartitions() {
        return new AssignedPartitions();
    }

    @Bean
    RecordMessageConverter coursegenJsonMessageConverter(JsonMapper jsonMapper) {
        return new ByteArrayJacksonJsonMessageConverter(jsonMapper);
    }

    /**
     * Retries with exponential back-off, then dead-letters the original bytes to the same partition of
     * {@code <topic>.DLT} with the exception in headers, counts it ({@code coursegen.kafka.dead.letters}
     * by source topic) and tells the service's callbacks.
     */
    @Bean
    CommonErrorHandler coursegenErrorHandler(ProducerFactory<?, ?> producerFactory, KafkaDefaultsProperties properties,
            ObjectProvider<DeadLetterCallback> callbacks, ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        KafkaTemplate<String, byte[]> rawTemplate = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                producerFactory.getConfigurationProperties(), new StringSerializer(), new ByteArraySerializer()));
        List<String> withheld = properties.retry().withheldHeaders();
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(rawTemplate,
                (record, cause) -> new TopicPartition(record.topic() + Topics.DEAD_LETTER_SUFFIX, record.partition())) {
            @Override
            protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record,
                    TopicPartition topicPartition, Headers headers, byte[] key, byte[] value) {
                withheld.forEach(headers::remove);
                return super.createProducerRecord(record, topicPartition, headers, key, value);
            }
        };
        List<DeadLetterCallback> toldAfterwards = callbacks.orderedStream().toList();

        KafkaDefaultsProperties.Retry retry = properties.retry();
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.retries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());

        DefaultErrorHandler errorHandler = new DefaultErrorHandler((record, cause) -> {
            log.warn("Dead-lettering record topic={} partition={} offset={} key={}: {}", record.topic(),
                    record.partition(), record.offset(), record.key(), rootMessage(cause));
            deadLetters.accept(record, cause);
            registry.counter("coursegen.kafka.dead.letters", "topic", record.topic()).increment();
            toldAfterwards.forEach(callback -> callback.deadLettered(record, cause));
        }, backOff);
        retry.notRetryable().forEach(errorHandler::addNotRetryableExceptions);
        return errorHandler;
    }

    /** Every topic and its DLT with the same partition count, so dead-lettering to the same partition works. */
    @Bean
    KafkaAdmin.NewTopics coursegenTopics(KafkaDefaultsProperties properties) {
        return new KafkaAdmin.NewTopics(Topics.ALL.stream()
                .flatMap(topic -> Stream.of(topic, topic + Topics.DEAD_LETTER_SUFFIX))
                .map(name -> TopicBuilder.name(name)
                        .partitions(properties.partitions())
                        .replicas(properties.replicationFactor())
                        .build())
                .toArray(NewTopic[]::new));
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
