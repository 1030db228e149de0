package io.coursegen.gateway.auth;

/**
 * The tenant an API key belongs to. Controllers declare a {@code Tenant} parameter to receive the caller
 * that {@link ApiKeyAuthenticationFilter} authenticated.
 */
public record Tenant(String id) {

    /** Exchange attribute under which the authenticated tenant is kept for the rest of the request. */
    public static final String ATTRIBUTE = Tenant.class.getName();
}
