package io.coursegen.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.LessonGenerated;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.Topics;
import io.coursegen.llm.StructuredChat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/** The offline provider: no model client exists, and the lesson says it is an offline draft. */
@TestPropertySource(properties = "coursegen.llm.provider=offline")
abstract class OfflineLessonScenario extends ContentServiceScenario {

    @Autowired
    ApplicationContext context;

    @Test
    void publishesALabelledOfflineDraftLessonWithoutAnyModel() throws Exception {
        LessonRequested request = request("How leaves catch light", true);

        Lesson lesson = topics.awaitRecords(request.courseId(), r -> r.count(Topics.LESSON_GENERATED) == 1)
                .values(Topics.LESSON_GENERATED, LessonGenerated.class).get(0).lesson();

        assertThat(context.getBeanProvider(StructuredChat.class).getIfAvailable()).isNull();
        assertThat(lesson.title()).isEqualTo("How leaves catch light");
        assertThat(lesson.markdown()).startsWith("> [Offline draft]")
                .contains("## Introduction", "## Explanation", "## Worked example", "## Summary");
        assertThat(lesson.keyTakeaways()).hasSize(3);
        assertThat(lesson.quiz()).hasSize(3).allSatisfy(question -> assertThat(question.options()).hasSize(4));
    }

    @Test
    void aRegeneratedDraftSaysWhichRevisionItIsAndKeepsTheRevision() throws Exception {
        LessonRequested first = lessonRequest("course-" + UUID.randomUUID(), "How leaves catch light", true, "en");
        LessonRequested request = new LessonRequested(first.courseId(), first.tenantId(), first.courseTitle(),
                first.spec(), first.lesson(), first.previousLessonTitle(), first.nextLessonTitle(), 2, "More examples");
        send(request.courseId(), json.writeValueAsString(request));

        LessonGenerated generated = topics.awaitRecords(request.courseId(), r -> r.count(Topics.LESSON_GENERATED) == 1)
                .values(Topics.LESSON_GENERATED, LessonGenerated.class).get(0);

        assertThat(generated.revision()).isEqualTo(2);
        assertThat(generated.lesson().markdown()).startsWith("> [Offline draft]")
                .contains("> [Offline draft] Revision 2: written again at the course owner's request.")
                .doesNotContain("More examples");
    }
}
