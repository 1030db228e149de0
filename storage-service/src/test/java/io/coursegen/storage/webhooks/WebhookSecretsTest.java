package io.coursegen.storage.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signing secrets at rest: sealed, bound to their webhook, and rotated by listing a new key first. */
class WebhookSecretsTest {

    private static final String OLD = "k1:" + key((byte) 1);
    private static final String NEW = "k2:" + key((byte) 2);

    @Test
    void aSealedSecretOpensOnlyForItsOwnWebhook() {
        WebhookSecrets secrets = secrets(NEW);
        String secret = WebhookSignatures.newSecret();

        String sealed = secrets.seal("wh_1", secret);

        assertThat(sealed).startsWith("v1:k2:").doesNotContain(secret.substring("whsec_".length()));
        assertThat(secrets.open("wh_1", sealed)).isEqualTo(secret);
        assertThatThrownBy(() -> secrets.open("wh_2", sealed)).as("copied onto another webhook")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNewKeyListedFirstSealsWhileTheOldOneStillOpensWhatItSealed() {
        String secret = WebhookSignatures.newSecret();
        String sealedWithOld = secrets(OLD).seal("wh_1", secret);
        WebhookSecrets rotated = secrets(NEW + "," + OLD);

        assertThat(rotated.open("wh_1", sealedWithOld)).isEqualTo(secret);
        assertThat(rotated.sealedWithCurrentKey(sealedWithOld)).isFalse();
        assertThat(rotated.sealedWithCurrentKey(rotated.seal("wh_1", secret))).isTrue();
        assertThatThrownBy(() -> secrets(NEW).open("wh_1", sealedWithOld)).as("the old key dropped too early")
                .hasMessageContaining("'k1'");
    }

    @Test
    void malformedKeysStopTheStartWithoutShowingThem() {
        assertThatThrownBy(() -> secrets("k1:c2hvcnQ=")).hasMessageContaining("entry 1").hasMessageNotContaining("c2hvcnQ");
        assertThatThrownBy(() -> secrets(NEW + "," + NEW)).hasMessageContaining("entry 2");
        assertThat(secrets(null).configured()).isFalse();
    }

    private static WebhookSecrets secrets(String keys) {
        return new WebhookSecrets(new WebhookProperties(false, 3, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 3, List.of(80, 443), 8, 2, keys));
    }

    private static String key(byte fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, fill);
        return Base64.getEncoder().encodeToString(key);
    }
}
