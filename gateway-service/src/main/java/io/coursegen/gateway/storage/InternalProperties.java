package io.coursegen.gateway.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param secret shared with storage-service ({@code COURSEGEN_INTERNAL_SECRET}), which serves only requests signed with it; never printed */
@ConfigurationProperties("coursegen.internal")
record InternalProperties(String secret) {

    @Override
    public String toString() {
        return "InternalProperties[secret=<hidden>]";
    }
}
