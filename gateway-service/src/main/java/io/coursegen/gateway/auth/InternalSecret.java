package io.coursegen.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param secret shared with storage-service ({@code COURSEGEN_INTERNAL_SECRET}), signs admin calls; never printed */
@ConfigurationProperties("coursegen.internal")
record InternalSecret(String secret) {

    @Override
    public String toString() {
        return "InternalSecret[secret=<hidden>]";
    }
}
