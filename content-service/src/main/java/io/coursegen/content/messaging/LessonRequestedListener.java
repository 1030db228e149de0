package io.coursegen.content.messaging;

import io.coursegen.content.writing.LessonWriter;
import io.coursegen.content.writing.WrittenLesson;
import io.coursegen.contracts.LessonGenerated;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.Topics;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

@Component
class LessonRequestedListener {

    private static final Logger log = LoggerFactory.getLogger(LessonRequestedListener.class);

    private final LessonWriter writer;
    private final KafkaTemplate<String, Object> kafka;

    LessonRequestedListener(LessonWriter writer, KafkaTemplate<String, Object> kafka) {
        this.writer = writer;
        this.kafka = kafka;
    }

    @KafkaListener(topics = Topics.LESSON_REQUESTED)
    void on(LessonRequested request) {
        WrittenLesson written = writer.write(request);
        String lessonId = request.lesson().lessonId();
        LessonGenerated generated = new LessonGenerated(request.courseId(), lessonId, written.lesson(), written.usage(),
                Instant.now());
        kafka.send(Topics.LESSON_GENERATED, request.courseId(), generated).join();
        log.info("Wrote lesson {} of course {}: {} takeaways, {} quiz questions ({} {}, {} completion tokens)", lessonId,
                request.courseId(), written.lesson().keyTakeaways().size(), written.lesson().quiz().size(),
                written.usage().provider(), written.usage().model(), written.usage().completionTokens());
    }
}
