package io.coursegen.outline;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.CourseOutlined;
import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.Topics;
import io.coursegen.llm.StructuredChat;
import io.coursegen.testkit.TopicReader.Records;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/** The offline provider: no model client exists, and what is published says it is an offline draft. */
@TestPropertySource(properties = "coursegen.llm.provider=offline")
abstract class OfflineOutlineScenario extends OutlineServiceScenario {

    @Autowired
    ApplicationContext context;

    @Test
    void publishesALabelledOfflineDraftAndItsFanOutWithoutAnyModel() throws Exception {
        CourseRequested request = request("Sourdough baking", 4);

        Records records = topics.awaitRecords(request.courseId(), r -> r.count(Topics.COURSE_OUTLINED) == 1
                && r.count(Topics.LESSON_REQUESTED) == 4 && r.count(Topics.IMAGE_REQUESTED) == 5);

        assertThat(context.getBeanProvider(StructuredChat.class).getIfAvailable()).isNull();
        CourseOutlined outlined = records.values(Topics.COURSE_OUTLINED, CourseOutlined.class).get(0);
        assertThat(outlined.outline().title()).isEqualTo("[Offline draft] Sourdough baking");
        assertThat(outlined.outline().description()).contains("without a language model");
        assertThat(outlined.outline().lessons()).hasSize(4)
                .allSatisfy(lesson -> assertThat(lesson.module()).isEqualTo("Module 1: Sourdough baking"));
        assertThat(outlined.usage().provider()).isEqualTo("offline");
        List<LessonRequested> lessons = records.values(Topics.LESSON_REQUESTED, LessonRequested.class);
        assertThat(lessons).extracting(lesson -> lesson.lesson().lessonId())
                .containsExactlyInAnyOrder("lesson-01", "lesson-02", "lesson-03", "lesson-04");
        assertThat(records.values(Topics.IMAGE_REQUESTED, ImageRequested.class)).extracting(ImageRequested::imageId)
                .containsExactlyInAnyOrder("lesson-01", "lesson-02", "lesson-03", "lesson-04", "cover");
        // work requests are keyed by part, so one course's lessons and pictures spread over the partitions
        String courseId = request.courseId();
        assertThat(records.all()).filteredOn(r -> r.topic().equals(Topics.LESSON_REQUESTED)).extracting(r -> r.key())
                .containsExactlyInAnyOrder(courseId + "/lesson:lesson-01", courseId + "/lesson:lesson-02",
                        courseId + "/lesson:lesson-03", courseId + "/lesson:lesson-04");
        assertThat(records.all()).filteredOn(r -> r.topic().equals(Topics.IMAGE_REQUESTED)).extracting(r -> r.key())
                .contains(courseId + "/image:cover");
        assertThat(records.all()).filteredOn(r -> r.topic().equals(Topics.COURSE_OUTLINED)).extracting(r -> r.key())
                .containsExactly(courseId);
    }

    @Test
    void publishesOnlyTheOutlineOfACourseWhoseOwnerReviewsIt() throws Exception {
        CourseRequested reviewed = request(new CourseSpec("Beekeeping", "curious adults", "beginner", "en", 3, true,
                "flat illustration", CourseSpec.OUTLINE_REVIEW));
        Records outlined = topics.awaitRecords(reviewed.courseId(), r -> r.count(Topics.COURSE_OUTLINED) == 1);
        // a course requested afterwards is outlined and fanned out; the reviewed one's parts would have come first
        CourseRequested straight = request("Composting", 2);
        topics.awaitRecords(straight.courseId(), r -> r.count(Topics.LESSON_REQUESTED) == 2
                && r.count(Topics.IMAGE_REQUESTED) == 3);

        assertThat(outlined.values(Topics.COURSE_OUTLINED, CourseOutlined.class).get(0).outline().lessons()).hasSize(3);
        Records reviewedSoFar = topics.awaitRecords(reviewed.courseId(), r -> true);
        assertThat(reviewedSoFar.count(Topics.LESSON_REQUESTED)).isZero();
        assertThat(reviewedSoFar.count(Topics.IMAGE_REQUESTED)).isZero();
    }

    @Test
    void writesATraditionalChineseCourseAsALabelledDraftInTraditionalChinese() throws Exception {
        CourseRequested request = request("酸種麵包", 2, "zh-TW");

        Records records = topics.awaitRecords(request.courseId(), r -> r.count(Topics.COURSE_OUTLINED) == 1
                && r.count(Topics.LESSON_REQUESTED) == 2);

        CourseOutlined outlined = records.values(Topics.COURSE_OUTLINED, CourseOutlined.class).get(0);
        assertThat(outlined.outline().title()).isEqualTo("[離線草稿] 酸種麵包");
        assertThat(outlined.outline().lessons()).extracting(lesson -> lesson.module()).containsOnly("第 1 單元：酸種麵包");
        assertThat(records.values(Topics.LESSON_REQUESTED, LessonRequested.class))
                .allSatisfy(lesson -> assertThat(lesson.lesson().summary()).startsWith("離線草稿："));
    }
}
