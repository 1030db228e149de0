/**
 * Tenant administration, on behalf of a gateway's admin API: tenants (one document each in the {@code tenants}
 * collection, which {@code quota.TenantLimits} shares for their limits) and their API keys, stored only as SHA-256
 * hashes (collection {@code api_keys}) so neither a database dump nor this service ever holds a usable key. The
 * gateway generates keys and shows them once; it asks here whose a presented key is. Reached only through
 * {@code /internal/admin/**} with the admin pseudo-tenant's proof ({@code trust.AdminCalls}).
 */
package io.coursegen.storage.tenants;
