/**
 * Writing the outline: the {@link io.coursegen.outline.generation.OutlineWriter} is either the OpenAI
 * writer (one structured chat call whose answer is validated and, when it breaks a rule, repaired once,
 * because a wrong lesson count or duplicate titles would break every later step) or the offline writer
 * (deterministic drafts in the course language, labelled as such). The choice follows the resolved
 * {@code coursegen.llm.provider}; nothing else in the service knows it.
 */
package io.coursegen.outline.generation;
