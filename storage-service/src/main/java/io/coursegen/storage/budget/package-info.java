/**
 * What tenants may spend on model calls: each submission's cost is estimated from the price table and the request
 * ({@link io.coursegen.storage.budget.CostEstimates}), reserved against the tenant's monthly budget before the course
 * is stored, and settled with what its parts really cost when the course ends ({@link
 * io.coursegen.storage.budget.CourseBudgets}). A regeneration reserves its own estimate the same way. The month's
 * account is one MongoDB document per tenant and month, changed only by conditional increments, so the budget holds
 * across every storage instance.
 */
package io.coursegen.storage.budget;
