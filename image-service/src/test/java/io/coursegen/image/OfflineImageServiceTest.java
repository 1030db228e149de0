package io.coursegen.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.ImageGenerated;
import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.Topics;
import io.coursegen.image.planning.PicturePlan;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** The service with the offline provider: no network besides Kafka and S3, labelled placeholder pictures. */
@SpringBootTest(properties = {
        "spring.config.name=image-service",
        "coursegen.llm.provider=offline",
        "coursegen.image.offline.width=320",
        "coursegen.image.offline.height=240",
        "coursegen.kafka.partitions=2",
        "coursegen.kafka.retry.retries=1",
        "coursegen.kafka.retry.initial-interval=100ms"})
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class OfflineImageServiceTest {

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        registry.add("coursegen.s3.endpoint", EmbeddedS3::endpoint);
        registry.add("coursegen.s3.access-key", () -> EmbeddedS3.ACCESS_KEY);
        registry.add("coursegen.s3.secret-key", () -> EmbeddedS3.SECRET_KEY);
    }

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    MinioClient minio;

    @Autowired
    JsonMapper json;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Value("${coursegen.s3.bucket}")
    String bucket;

    @Test
    void drawsALabelledPlaceholderAndAnswersARedeliveredRequestWithThePictureAlreadyPublished() throws Exception {
        String courseId = UUID.randomUUID().toString();
        ImageRequested request = new ImageRequested(courseId, "tenant-a", ImageRequested.COVER, null,
                "Quantum computing for product managers", "Quantum computing for product managers",
                "What quantum computers can and cannot do.", List.of("qubits", "superposition"),
                "product managers", "en", "flat illustration");

        kafka.send(Topics.IMAGE_REQUESTED, courseId, request).join();
        kafka.send(Topics.IMAGE_REQUESTED, courseId, request).join();
        // another part behind both on the same partition: once its picture is out, the redelivery was handled
        ImageRequested behind = new ImageRequested(courseId, "tenant-a", "lesson-01", "lesson-01",
                request.courseTitle(), "Qubits", "What a qubit is.", List.of("qubit"), "product managers", "en",
                "flat illustration");
        kafka.send(Topics.IMAGE_REQUESTED, courseId, behind).join();

        List<ImageGenerated> generated = KafkaRecords.awaitMatching(bootstrapServers, Topics.IMAGE_GENERATED, 2,
                        r -> courseId.equals(r.key())).stream()
                .map(r -> json.readValue(r.value(), ImageGenerated.class))
                .toList();
        assertThat(generated).extracting(ImageGenerated::imageId).as("the cover once, then the lesson's picture")
                .containsExactly("cover", "lesson-01");
        ImageGenerated first = generated.get(0);
        assertThat(first.imageId()).isEqualTo("cover");
        assertThat(first.lessonId()).isNull();
        assertThat(first.caption()).startsWith("[Offline placeholder]").contains("qubits");
        assertThat(first.altText()).contains("abstract placeholder", "\"qubits\"");
        assertThat(first.visualConcept()).contains("qubits");
        assertThat(first.prompt()).endsWith(" " + PicturePlan.STYLE_LEAD + "\"flat illustration\"");
        assertThat(first.contentType()).isEqualTo("image/png");
        assertThat(first.width()).isEqualTo(320);
        assertThat(first.height()).isEqualTo(240);
        assertThat(first.usage().provider()).isEqualTo("offline");
        assertThat(first.usage().model()).isEqualTo("offline");
        assertThat(first.usage().calls()).as("the offline provider calls no model").isZero();
        assertThat(first.usage().images()).isEqualTo(1);
        assertThat(first.usage().promptTokens()).isZero();

        byte[] stored;
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(bucket).object(first.objectKey()).build())) {
            stored = in.readAllBytes();
        }
        assertThat((long) stored.length).isEqualTo(first.byteSize());
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(stored));
        assertThat(picture.getWidth()).isEqualTo(320);
        assertThat(picture.getHeight()).isEqualTo(240);
    }
}
