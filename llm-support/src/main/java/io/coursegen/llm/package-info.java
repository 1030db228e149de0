/**
 * How the generating services reach a language model. The provider is {@code openai} (LangChain4j's
 * OpenAI client, which also serves any OpenAI-compatible server) or {@code offline} (no network:
 * deterministic, labelled drafts for demos, dry runs and load tests). {@link io.coursegen.llm.StructuredChat}
 * asks for JSON shaped like a Java record; {@link io.coursegen.llm.Prompts} loads versioned prompt
 * resources and passes user-supplied text as delimited data, never as instructions.
 */
package io.coursegen.llm;
