package io.coursegen.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param key the admin API's key ({@code COURSEGEN_ADMIN_KEY}), presented as {@code X-Admin-Key}; blank turns the
 *            admin API off (404); at least {@value ApiKeys#MIN_KEY_LENGTH} characters or the gateway does not start.
 *            A secret, so never printed.
 */
@ConfigurationProperties("coursegen.gateway.admin")
public record AdminProperties(String key) {

    public boolean enabled() {
        return key != null && !key.isBlank();
    }

    @Override
    public String toString() {
        return "AdminProperties[key=" + (enabled() ? "<hidden>" : "<unset>") + "]";
    }
}
