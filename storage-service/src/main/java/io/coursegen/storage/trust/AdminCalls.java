package io.coursegen.storage.trust;

import io.coursegen.contracts.GatewayProof;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Tenant administration's way in: paths under {@value #PATHS}, accepted only with a gateway proof that names the
 * pseudo-tenant {@link GatewayProof#ADMIN_TENANT}, which no tenant can be called.
 */
public final class AdminCalls {

    public static final String TENANT = GatewayProof.ADMIN_TENANT;
    public static final String PATHS = "/internal/admin/**";

    /** Matched as the handler mappings match paths, so no spelling of an admin path escapes the rule. */
    private static final PathPattern ADMIN = PathPatternParser.defaultInstance.parse(PATHS);

    private AdminCalls() {
    }

    static boolean isAdminPath(PathContainer path) {
        return ADMIN.matches(path);
    }
}
