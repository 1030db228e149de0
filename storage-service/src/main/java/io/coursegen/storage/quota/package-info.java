/**
 * How much one tenant may submit: a token bucket of submissions per minute and a cap on courses waiting for
 * admission, checked by the intake before a course is stored. The state is in MongoDB, so the limits hold across
 * every gateway and storage instance.
 */
package io.coursegen.storage.quota;
