/**
 * Object storage as the read API needs it: typed {@code coursegen.s3.*} settings, the bucket (created at
 * startup if missing) and presigned GET URLs. Pictures are stored by image-service; this service only hands out
 * short-lived links signed for the endpoint clients can reach, so bytes never pass through the API.
 */
package io.coursegen.storage.media;
