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
        ApiKeys keys = ApiKeys.parse("acme=acme-secret-0123456789abcd,globex=globex-secret-0123456789ab");

        assertThat(keys.tenantFor("acme-secret-0123456789abcd")).contains(new Tenant("acme"));
        assertThat(keys.tenantFor("globex-secret-0123456789ab")).contains(new Tenant("globex"));
        assertThat(keys.tenantFor("unknown")).isEmpty();
        assertThat(keys.tenantFor("ACME-SECRET-0123456789ABCD")).isEmpty();
        assertThat(keys.tenantCount()).isEqualTo(2);
    }

    @Test
    void hashesKeysWithSha256AsLowercaseHex() {
        assertThat(ApiKeys.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void keepsOnlyHashesOfTheKeysAndNeverPrintsThem() {
        ApiKeys keys = ApiKeys.parse("acme=acme-secret-0123456789abcd");

        assertThat(keys).extracting("tenantsByKeyHash").asString()
                .contains(ApiKeys.sha256Hex("acme-secret-0123456789abcd"))
                .doesNotContain("acme-secret-0123456789abcd=");
        assertThat(keys.toString()).doesNotContain("acme-secret-0123456789abcd");
    }

    @Test
    void allowsSeveralKeysPerTenantAndEqualsSignsInsideAKey() {
        ApiKeys keys = ApiKeys.parse("acme=old-key-0123456789abcdefgh,acme=bmV3LWtleS0wMTIzNDU2Nzg5YWI=");

        assertThat(keys.tenantFor("old-key-0123456789abcdefgh")).contains(new Tenant("acme"));
        assertThat(keys.tenantFor("bmV3LWtleS0wMTIzNDU2Nzg5YWI=")).contains(new Tenant("acme"));
        assertThat(keys.tenantCount()).isEqualTo(1);
    }

    @Test
    void ignoresSurroundingWhitespaceAndEmptyEntries() {
        ApiKeys keys = ApiKeys.parse(" acme = acme-secret-0123456789abcd , , globex=globex-secret-0123456789ab,");

        assertThat(keys.tenantFor("acme-secret-0123456789abcd")).contains(new Tenant("acme"));
        assertThat(keys.tenantFor("globex-secret-0123456789ab")).contains(new Tenant("globex"));
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
        assertThatThrownBy(() -> ApiKeys.parse("ok=fine-key-0123456789abcdefgh," + config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 2")
                .hasMessageNotContaining("s3cr3t-key")
                .hasMessageNotContaining("fine-key-0123456789abcdefgh");
    }

    @Test
    void refusesOneKeyForTwoTenants() {
        assertThatThrownBy(() -> ApiKeys.parse("acme=shared-key-0123456789abcdefg,globex=shared-key-0123456789abcdefg"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 2")
                .hasMessageNotContaining("shared-key-0123456789abcdefg");
    }

    @Test
    void refusesAKeyShorterThan128BitsWithoutRevealingIt() {
        assertThatThrownBy(() -> ApiKeys.parse("ok=fine-key-0123456789abcdefgh,acme=change-me"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 2").hasMessageContaining("at least 22 characters")
                .hasMessageNotContaining("change-me");
    }
}
