package io.coursegen.gateway.auth;

import io.coursegen.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration implements WebFluxConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AuthConfiguration.class);

    @Bean
    ApiKeys apiKeys(GatewayProperties properties) {
        ApiKeys apiKeys = ApiKeys.parse(properties.apiKeys());
        if (apiKeys.isEmpty()) {
            log.warn("No API keys are configured (coursegen.gateway.api-keys / COURSEGEN_API_KEYS): "
                    + "every /api request will be answered 401");
        } else {
            log.info("API keys configured for {} tenant(s)", apiKeys.tenantCount());
        }
        return apiKeys;
    }

    @Bean
    ApiKeyAuthenticationFilter apiKeyAuthenticationFilter(ApiKeys apiKeys, GatewayProperties properties,
            JsonMapper jsonMapper) {
        return new ApiKeyAuthenticationFilter(apiKeys,
                new FailedAuthentications(properties.failedAuthenticationsPerMinute()), jsonMapper);
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new TenantArgumentResolver());
    }
}
