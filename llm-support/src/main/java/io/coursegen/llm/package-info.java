/**
 * How the generating services reach a language model. The provider is {@code openai} (LangChain4j's
 * OpenAI client, which also serves any OpenAI-compatible server) or {@code offline} (no network:
 * deterministic, labelled drafts for demos, dry runs and load tests, worded by {@link io.coursegen.llm.OfflineTexts}
 * in the course's language). {@link io.coursegen.llm.StructuredChat} asks for JSON shaped like a Java record and
 * repairs an invalid answer once; {@link io.coursegen.llm.Prompts} loads versioned prompt resources and passes
 * user-supplied text as delimited data, never as instructions; {@link io.coursegen.llm.CourseLanguage} is how
 * prompts name the language every generated string must be in.
 */
package io.coursegen.llm;
