/**
 * How the generating services reach a language model. The provider is {@code openai} (LangChain4j's
 * OpenAI client, which also serves any OpenAI-compatible server) or {@code offline} (no network:
 * deterministic, labelled drafts for demos, dry runs and load tests, worded by {@link io.coursegen.llm.OfflineTexts}
 * in the course's language). {@link io.coursegen.llm.StructuredChat} asks for JSON shaped like a Java record and
 * repairs an invalid answer once; {@link io.coursegen.llm.Prompts} loads versioned prompt resources and passes
 * user-supplied text as delimited data, never as instructions; {@link io.coursegen.llm.CourseLanguage} is how
 * prompts name the language every generated string must be in.
 *
 * <p>Every model call, of either provider, passes one place, {@link io.coursegen.llm.LlmCalls}: OpenAI calls
 * through {@link io.coursegen.llm.LlmResilience} (retry, circuit breaker, rate-limit gate; each attempt is one
 * call), offline ones through {@link io.coursegen.llm.OfflineModel} (the simulated latency). There each call
 * waits for capacity and runs as an Observation, which Boot's tracing bridge turns into an OpenTelemetry span
 * under the Kafka listener's (GenAI conventions: {@code chat gpt-4o-mini}, model, provider, outcome, tokens).
 *
 * <p>Capacity ({@link io.coursegen.llm.LlmCapacity}) is the account's quota per call type (chat, image):
 * concurrent calls, requests and tokens per minute. A waiting call blocks the listener thread that holds its
 * record, which stays uncommitted, so nothing is dropped and no extra thread waits; past
 * {@code coursegen.llm.capacity.max-wait} the call fails, not as a provider failure, and the Kafka back-off
 * redelivers the record. Across instances the quota is split by a partition-aligned share
 * ({@link io.coursegen.llm.CapacityShare}): an instance enforces each limit times the fraction of its consumer
 * group's partitions assigned to it, so the instances of a group never exceed the account's limit together and
 * one instance alone gets all of it. It needs no shared store and follows every rebalance by itself; its cost is
 * that an instance whose partitions are idle leaves its share unused while another's are busy, and that a share
 * is rounded down (but never below one call), so more instances than a limit allows may exceed it.
 */
package io.coursegen.llm;
