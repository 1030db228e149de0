/**
 * Pipeline meters for operators: courses requested, completed, failed and cancelled, end-to-end and per-stage
 * latency, courses in flight, pictures generated and the estimated LLM spend. They live in storage-service
 * because it applies every event of every course. Each course and each part is counted once however often its
 * event is delivered: a course is counted on the status transition storage actually writes (which happens
 * once), and a part on an atomic mark in its course document ({@code metered.<part>}), so a replay after a crash
 * or a rebalance, or another storage instance, never counts it again. Tags are bounded: outcome, stage, model.
 */
package io.coursegen.storage.metrics;
