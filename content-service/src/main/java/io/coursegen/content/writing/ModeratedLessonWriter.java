package io.coursegen.content.writing;

import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.Usage;
import io.coursegen.llm.moderation.ModeratedOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A valid lesson the content policy passed: its title, markdown, key takeaways and every quiz question, option and
 * explanation are checked before it is published. A flagged draft is written once more with the categories named
 * ({@link ModeratedOutput}); flagged again, it throws {@link io.coursegen.llm.moderation.FlaggedOutputException}
 * (reason {@code moderation: <categories>}), and a moderation outage throws
 * {@link io.coursegen.llm.moderation.ModerationUnavailableException} for the listener's retries. The accepted lesson's
 * usage includes the flagged draft's calls and tokens: both were paid for.
 */
public final class ModeratedLessonWriter {

    private final LessonWriter writer;
    private final ModeratedOutput moderated;

    public ModeratedLessonWriter(LessonWriter writer, ModeratedOutput moderated) {
        this.writer = writer;
        this.moderated = moderated;
    }

    public WrittenLesson write(LessonRequested request) {
        return moderated.generate(avoid -> writer.write(request, avoid), written -> texts(written.lesson()),
                (accepted, flagged) -> new WrittenLesson(accepted.lesson(), plus(accepted.usage(), flagged.usage())),
                "lesson " + request.lesson().lessonId() + " of course " + request.courseId());
    }

    /** Every text a learner reads, in a fixed order; the correct option's index is not text. */
    static List<String> texts(Lesson lesson) {
        List<String> texts = new ArrayList<>();
        texts.add(lesson.title());
        texts.add(lesson.markdown());
        texts.addAll(lesson.keyTakeaways());
        for (Lesson.QuizQuestion question : lesson.quiz()) {
            texts.add(question.question());
            texts.addAll(question.options());
            texts.add(question.explanation());
        }
        return texts.stream().filter(Objects::nonNull).toList();
    }

    private static Usage plus(Usage accepted, Usage flagged) {
        return new Usage(accepted.provider(), accepted.model(), accepted.calls() + flagged.calls(),
                accepted.promptTokens() + flagged.promptTokens(),
                accepted.completionTokens() + flagged.completionTokens(), accepted.images() + flagged.images());
    }
}
