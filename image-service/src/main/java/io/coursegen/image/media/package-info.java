/**
 * Keeps picture bytes in object storage (MinIO, or anything speaking S3) under content-addressed keys,
 * {@code images/<sha256>.<ext>}: the same picture always lands at the same key, so a redelivered
 * request stores nothing new, and Kafka events carry only the key (claim check), never the bytes.
 */
package io.coursegen.image.media;
