/**
 * Tenant administration ({@code /admin/v1/tenants}): create tenants, read and replace their limits, make and revoke
 * their API keys. Behind {@code X-Admin-Key} (auth's {@code AdminKeyFilter}; off without {@code COURSEGEN_ADMIN_KEY}).
 * Keys are made here, shown once, and handed to storage-service only as hashes; storage-service keeps tenants, keys
 * and limits, so every gateway instance sees the same ones.
 */
package io.coursegen.gateway.admin;
