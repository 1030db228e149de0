/**
 * The embedded default: one command starts a real Kafka broker (KRaft), a MongoDB-wire server and an S3
 * server, all on disk under one data directory, and the five Coursegen services on their own ports, in
 * one JVM. Services share the JVM's classpath, so each context is told explicitly which
 * auto-configurations are not its own (see {@link io.coursegen.local.LocalPlatform}).
 */
package io.coursegen.local;
