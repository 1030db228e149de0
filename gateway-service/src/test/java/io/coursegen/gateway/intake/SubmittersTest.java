package io.coursegen.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.coursegen.contracts.CourseSubmission;
import io.coursegen.contracts.Topics;
import io.coursegen.gateway.auth.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class SubmittersTest {

    private final Credentials credentials = mock(Credentials.class);
    private final Submitters submitters = new Submitters(credentials);

    @Test
    void onATenantsOwnTopicTheTopicNamesTheTenantAndCredentialHeadersAreIgnored() {
        // acme's principal wrote it (only it may), claiming to be globex with globex's key: it is still acme's
        ConsumerRecord<String, byte[]> record = record(Topics.courseRequestsOf("acme"));
        record.headers().add(CourseSubmission.TENANT_HEADER, "globex".getBytes(StandardCharsets.UTF_8));
        record.headers().add(CourseSubmission.API_KEY_HEADER, "globex-key".getBytes(StandardCharsets.UTF_8));
        List<String> reasons = new ArrayList<>();

        assertThat(submitters.tenantOf(record, reasons)).contains(new Tenant("acme"));
        assertThat(reasons).isEmpty();
        verifyNoInteractions(credentials);
    }

    @Test
    void onTheSharedTopicTheRecordsApiKeyDecides() {
        ConsumerRecord<String, byte[]> record = record(Topics.COURSE_REQUESTS);
        when(credentials.tenantOf(any(), any())).thenReturn(Optional.empty());

        assertThat(submitters.tenantOf(record, new ArrayList<>())).isEmpty();
    }

    @Test
    void deadLetterTopicsAreNoIntake() {
        assertThat(Submitters.isIntake(Topics.COURSE_REQUESTS)).isTrue();
        assertThat(Submitters.isIntake(Topics.courseRequestsOf("acme"))).isTrue();
        assertThat(Submitters.isIntake(Topics.courseRequestsOf("acme") + Topics.DEAD_LETTER_SUFFIX)).isFalse();
        assertThat(Submitters.isIntake(Topics.COURSE_STATUS)).isFalse();
    }

    private static ConsumerRecord<String, byte[]> record(String topic) {
        return new ConsumerRecord<>(topic, 0, 0L, "r1", "{\"topic\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    }
}
