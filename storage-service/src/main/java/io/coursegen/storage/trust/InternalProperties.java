package io.coursegen.storage.trust;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param secret shared with every gateway ({@code COURSEGEN_INTERNAL_SECRET}); never printed */
@ConfigurationProperties("coursegen.internal")
record InternalProperties(String secret) {

    @Override
    public String toString() {
        return "InternalProperties[secret=<hidden>]";
    }
}
