package io.coursegen.storage.trust;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Tenant administration's way in: paths under {@value #PATHS}, accepted only with a gateway proof that names the
 * pseudo-tenant {@value #TENANT}. No tenant can be called that (tenant ids start with a letter or digit), so a proof
 * made for a tenant never opens an admin path, and an admin proof never opens a tenant's courses.
 */
public final class AdminCalls {

    /** The pseudo-tenant a gateway names on admin calls; the gateway's {@code auth.AdminCalls} holds the same. */
    public static final String TENANT = "_admin";
    public static final String PATHS = "/internal/admin/**";

    /** Matched as the handler mappings match paths, so no spelling of an admin path escapes the rule. */
    private static final PathPattern ADMIN = PathPatternParser.defaultInstance.parse(PATHS);

    private AdminCalls() {
    }

    static boolean isAdminPath(PathContainer path) {
        return ADMIN.matches(path);
    }
}
