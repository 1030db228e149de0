/**
 * The owner's hand edit of one lesson of a completed course: its markdown, key takeaways, quiz, or its picture's
 * caption and alt text, with no model call. The edited lesson must meet course-contracts' {@code LessonRules}, the
 * rules a model's lesson and picture plan meet. Like a regeneration, the edit is a new revision of the whole lesson:
 * the text and picture shown so far become versions (the picture's bytes stay where they are; only its texts
 * change) and the edited ones are shown, marked {@code editedAt}. It is one conditional MongoDB update that only a
 * course still COMPLETED and unchanged since it was read accepts, so it never overwrites a result, another edit or a
 * regeneration that came in between. The edit also raises the lesson's {@code regenerations.<id>.revision}, the
 * revision below which the assembler keeps a model's result as a version instead of showing it, so an older result
 * delivered late (or again) never replaces the hand edit. Status and progress do not change, so nothing is published.
 */
package io.coursegen.storage.editing;
