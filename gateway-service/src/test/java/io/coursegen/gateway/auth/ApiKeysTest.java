package io.coursegen.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeysTest {

    @Test
    void findsTheTenantOfEachConfiguredKey() {
        ApiKeys keys = ApiKeys.parse("acme=acme-secret,globex=globex-secret");

        assertThat(keys.tenantFor("acme-secret")).contains(new Tenant("acme"));
        assertThat(keys.tenantFor("globex-secret")).contains(new Tenant("globex"));
        assertThat(keys.tenantFor("unknown")).isEmpty();
        assertThat(keys.tenantFor("ACME-SECRET")).isEmpty();
        assertThat(keys.tenantCount()).isEqualTo(2);
    }

    @Test
    void hashesKeysWithSha256AsLowercaseHex() {
        assertThat(ApiKeys.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void keepsOnlyHashesOfTheKeysAndNeverPrintsThem() {
        ApiKeys keys = ApiKeys.parse("acme=acme-secret");

        assertThat(keys).extracting("tenantsByKeyHash").asString()
                .contains(ApiKeys.sha256Hex("acme-secret"))
                .doesNotContain("acme-secret=");
        assertThat(keys.toString()).doesNotContain("acme-secret");
    }

    @Test
    void allowsSeveralKeysPerTenantAndEqualsSignsInsideAKey() {
        ApiKeys keys = ApiKeys.parse("acme=old-key,acme=bmV3LWtleQ==");

        assertThat(keys.tenantFor("old-key")).contains(new Tenant("acme"));
        assertThat(keys.tenantFor("bmV3LWtleQ==")).contains(new Tenant("acme"));
        assertThat(keys.tenantCount()).isEqualTo(1);
    }

    @Test
    void ignoresSurroundingWhitespaceAndEmptyEntries() {
        ApiKeys keys = ApiKeys.parse(" acme = acme-secret , , globex=globex-secret,");

        assertThat(keys.tenantFor("acme-secret")).contains(new Tenant("acme"));
        assertThat(keys.tenantFor("globex-secret")).contains(new Tenant("globex"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", " , "})
    void blankConfigurationMeansNoKeysAtAll(String config) {
        ApiKeys keys = ApiKeys.parse(config);

        assertThat(keys.isEmpty()).isTrue();
        assertThat(keys.tenantFor("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme", "=s3cr3t-key", "acme=", "bad tenant=s3cr3t-key", "acme/x=s3cr3t-key"})
    void refusesMalformedEntriesWithoutRevealingTheKey(String config) {
        assertThatThrownBy(() -> ApiKeys.parse("ok=fine-key," + config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 2")
                .hasMessageNotContaining("s3cr3t-key")
                .hasMessageNotContaining("fine-key");
    }

    @Test
    void refusesOneKeyForTwoTenants() {
        assertThatThrownBy(() -> ApiKeys.parse("acme=shared-key,globex=shared-key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 2")
                .hasMessageNotContaining("shared-key");
    }
}
