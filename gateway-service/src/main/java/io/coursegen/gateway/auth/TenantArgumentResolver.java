package io.coursegen.gateway.auth;

import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Supplies the authenticated {@link Tenant} to controller methods that declare one. */
class TenantArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Tenant.class;
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
            ServerWebExchange exchange) {
        Tenant tenant = exchange.getAttribute(Tenant.ATTRIBUTE);
        if (tenant == null) {
            return Mono.error(new IllegalStateException(
                    "No authenticated tenant: a handler that takes a Tenant must live under /api/"));
        }
        return Mono.just(tenant);
    }
}
