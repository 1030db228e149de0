package io.coursegen.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GatewayProofTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private final GatewayProof proofs = new GatewayProof(SECRET);

    @Test
    void aProofIsValidForItsRequestForAMinute() {
        String proof = proofs.sign("acme", "GET", "/api/v1/courses/c1", NOW);

        assertThat(proofs.verify(proof, "acme", "GET", "/api/v1/courses/c1", NOW)).isTrue();
        assertThat(proofs.verify(proof, "acme", "GET", "/api/v1/courses/c1", NOW.plusSeconds(60))).isTrue();
        assertThat(proofs.verify(proof, "acme", "GET", "/api/v1/courses/c1", NOW.plusSeconds(61))).as("expired").isFalse();
    }

    @Test
    void aProofNamesItsTenantMethodAndPath() {
        String proof = proofs.sign("acme", "GET", "/api/v1/courses/c1", NOW);

        assertThat(proofs.verify(proof, "globex", "GET", "/api/v1/courses/c1", NOW)).as("another tenant").isFalse();
        assertThat(proofs.verify(proof, "acme", "DELETE", "/api/v1/courses/c1", NOW)).as("another method").isFalse();
        assertThat(proofs.verify(proof, "acme", "GET", "/api/v1/courses/c2", NOW)).as("another path").isFalse();
    }

    @Test
    void onlyTheSharedSecretMakesAValidProof() {
        String forged = new GatewayProof("another-secret-of-at-least-32-characters")
                .sign("acme", "GET", "/api/v1/courses", NOW);

        assertThat(proofs.verify(forged, "acme", "GET", "/api/v1/courses", NOW)).isFalse();
        assertThat(proofs.verify(null, "acme", "GET", "/api/v1/courses", NOW)).isFalse();
        assertThat(proofs.verify("v1:notanumber:abc", "acme", "GET", "/api/v1/courses", NOW)).isFalse();
        String farAhead = proofs.sign("acme", "GET", "/api/v1/courses", NOW.plusSeconds(3600));
        assertThat(proofs.verify(farAhead, "acme", "GET", "/api/v1/courses", NOW)).as("expiry beyond any proof's").isFalse();
    }

    @Test
    void aShortOrMissingSecretIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> new GatewayProof("short")).hasMessageContaining("COURSEGEN_INTERNAL_SECRET");
        assertThatThrownBy(() -> new GatewayProof(null)).hasMessageContaining("at least 32 characters");
    }
}
