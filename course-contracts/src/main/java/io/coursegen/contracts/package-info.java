/**
 * The contract between Coursegen's services: event records, topic names and, beside them in
 * {@code schemas/}, one JSON Schema per record. Records requesting work are named as requests
 * ({@link io.coursegen.contracts.LessonRequested}); facts are past tense
 * ({@link io.coursegen.contracts.LessonGenerated}). Every topic is keyed by courseId.
 * {@link io.coursegen.contracts.EventTypes} names each topic's payload and CloudEvents type, and
 * {@code asyncapi.yaml} documents every topic (key, headers, payload, public or internal) for other teams;
 * the gateway serves both documents. Besides the records, the pure rules more than one service needs:
 * {@link io.coursegen.contracts.PartRequests}, the lesson and picture requests an outline implies,
 * {@link io.coursegen.contracts.OutlineRules} and {@link io.coursegen.contracts.LessonRules}, which a model's answer
 * and an author's edit of it both meet, and which services may produce each internal topic,
 * {@link io.coursegen.contracts.TopicOwners}.
 */
package io.coursegen.contracts;
