package io.coursegen.local.infra;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

/** Plain Kafka, MongoDB and MinIO clients against a running {@link EmbeddedInfrastructure}: no Spring involved. */
final class InfraClients {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedInfrastructure infra;

    InfraClients(EmbeddedInfrastructure infra) {
        this.infra = infra;
    }

    void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    void send(String topic, String key, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Reads as a member of {@code group} (from the earliest offset if the group is new) and commits what it read. */
    List<String> consume(String group, String topic, int expectedRecords) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            // the consumer is not thread-safe, so Awaitility must poll it on this thread
            await().atMost(TIMEOUT).pollInSameThread().pollDelay(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                return values.size() >= expectedRecords;
            });
            consumer.commitSync();
        }
        return values;
    }

    Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    void insertCourse(String id, String title) {
        try (MongoClient client = MongoClients.create(infra.mongoUri())) {
            courses(client).insertOne(new Document("_id", id).append("title", title));
        }
    }

    Document findCourse(String id) {
        try (MongoClient client = MongoClients.create(infra.mongoUri())) {
            return courses(client).find(Filters.eq("_id", id)).first();
        }
    }

    void putText(String bucket, String object, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (MinioClient s3 = s3(infra.s3SecretKey())) {
            if (!s3.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                s3.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            s3.putObject(PutObjectArgs.builder().bucket(bucket).object(object)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType("text/plain").build());
        }
    }

    String getText(String bucket, String object) throws Exception {
        try (MinioClient s3 = s3(infra.s3SecretKey());
             GetObjectResponse response = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(object).build())) {
            return new String(response.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    boolean bucketExistsSigningWith(String secretKey, String bucket) throws Exception {
        try (MinioClient s3 = s3(secretKey)) {
            return s3.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        }
    }

    private MinioClient s3(String secretKey) {
        return MinioClient.builder()
                .endpoint(infra.s3Endpoint())
                .credentials(infra.s3AccessKey(), secretKey)
                // without a region the client first asks the server for the bucket location
                .region("us-east-1")
                .build();
    }

    private static MongoCollection<Document> courses(MongoClient client) {
        return client.getDatabase("coursegen").getCollection("courses");
    }
}
