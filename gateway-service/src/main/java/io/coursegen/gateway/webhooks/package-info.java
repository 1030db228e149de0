/**
 * {@code /api/v1/webhooks}: a tenant registers, lists and deletes the URLs that receive its course status
 * events. storage-service keeps and delivers them (it owns the database and produces the events); the gateway
 * authenticates the caller and forwards, as it does for course reads.
 */
package io.coursegen.gateway.webhooks;
