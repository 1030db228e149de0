package io.coursegen.gateway.auth;

import io.coursegen.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AdminProperties.class, StoredKeyProperties.class, InternalSecret.class})
class AuthConfiguration implements WebFluxConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AuthConfiguration.class);

    @Bean
    ApiKeys apiKeys(GatewayProperties properties) {
        ApiKeys apiKeys = ApiKeys.parse(properties.apiKeys());
        if (apiKeys.isEmpty()) {
            log.info("No API keys are configured (coursegen.gateway.api-keys / COURSEGEN_API_KEYS): only keys made "
                    + "through the admin API are accepted");
        } else {
            log.info("API keys configured for {} tenant(s)", apiKeys.tenantCount());
        }
        return apiKeys;
    }

    @Bean
    AdminCalls adminCalls(WebClient.Builder builder, GatewayProperties properties, InternalSecret internal) {
        return new AdminCalls(builder, properties, internal);
    }

    @Bean
    StoredKeys storedKeys(AdminCalls calls, StoredKeyProperties properties) {
        return new StoredKeys(calls, properties);
    }

    @Bean
    TenantKeys tenantKeys(ApiKeys apiKeys, StoredKeys storedKeys, StoredKeyProperties properties) {
        return new TenantKeys(apiKeys, storedKeys, properties);
    }

    /** One allowance per address for wrong API keys and wrong admin keys together. */
    @Bean
    FailedAuthentications failedAuthentications(GatewayProperties properties) {
        return new FailedAuthentications(properties.failedAuthenticationsPerMinute());
    }

    @Bean
    ApiKeyAuthenticationFilter apiKeyAuthenticationFilter(TenantKeys keys, FailedAuthentications failures,
            JsonMapper jsonMapper) {
        return new ApiKeyAuthenticationFilter(keys, failures, new AuthenticationAnswers(jsonMapper));
    }

    @Bean
    AdminKeyFilter adminKeyFilter(AdminProperties admin, ApiKeys apiKeys, FailedAuthentications failures,
            JsonMapper jsonMapper) {
        checkAdminKey(admin, apiKeys);
        if (admin.enabled()) {
            log.info("The admin API (/admin/v1) is on");
        }
        return new AdminKeyFilter(admin, failures, new AuthenticationAnswers(jsonMapper));
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new TenantArgumentResolver());
    }

    /** A guessable admin key, or one that is also a tenant's key, stops the start-up; the message never shows it. */
    static void checkAdminKey(AdminProperties admin, ApiKeys apiKeys) {
        if (!admin.enabled()) {
            return;
        }
        String key = admin.key().strip();
        if (key.length() < ApiKeys.MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("COURSEGEN_ADMIN_KEY (coursegen.gateway.admin.key) has fewer than "
                    + ApiKeys.MIN_KEY_LENGTH + " characters; it needs at least 22 (128 bits as base64), e.g. openssl"
                    + " rand -base64 32; leave it unset to keep the admin API off");
        }
        if (apiKeys.tenantFor(key).isPresent()) {
            throw new IllegalArgumentException("COURSEGEN_ADMIN_KEY (coursegen.gateway.admin.key) is also a tenant's"
                    + " API key in COURSEGEN_API_KEYS; give the admin a key of its own");
        }
    }
}
