package io.coursegen.gateway.admin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code POST /admin/v1/tenants}: the tenant's id, as tenant ids are everywhere (see auth's {@code ApiKeys}). */
record NewTenant(
        @NotNull(message = "is required")
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
                message = "1-64 letters, digits, '.', '_' or '-', starting with a letter or digit")
        String tenantId) {
}
