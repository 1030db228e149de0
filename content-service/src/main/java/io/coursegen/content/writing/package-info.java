/**
 * Writing a lesson: the {@link io.coursegen.content.writing.LessonWriter} is either the OpenAI writer
 * (one structured chat call whose answer is validated and, when it breaks a rule, repaired once, because
 * a quiz with three options or a wrong answer index would reach learners) or the offline writer
 * (deterministic drafts in the course language, labelled as such). The choice follows the resolved
 * {@code coursegen.llm.provider}; nothing else in the service knows it. The listener uses
 * {@link io.coursegen.content.writing.ModeratedLessonWriter}, which checks a written lesson against the content policy
 * and, when it is flagged, has it written once more with the categories named before it gives up.
 */
package io.coursegen.content.writing;
