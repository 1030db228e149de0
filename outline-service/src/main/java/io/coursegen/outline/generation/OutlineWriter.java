package io.coursegen.outline.generation;

import io.coursegen.contracts.CourseSpec;

/**
 * Plans a course for a request, in the request's language. Throws when no valid outline could be
 * written: {@link io.coursegen.llm.InvalidAnswerException} when the model's answer was invalid even
 * after its repair, {@link io.coursegen.llm.CourseLanguage.UnsupportedLanguageException} for a language
 * no prompt exists for, and transport errors as the client reports them.
 */
public interface OutlineWriter {

    WrittenOutline write(CourseSpec spec);
}
