package io.coursegen.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void aWorkRequestsKeyNamesItsCourseAndPart() {
        String key = Topics.partKey("7c0e9c1e-1d2f-4a7b-9f00-000000000001", "lesson:lesson-03");

        assertThat(key).isEqualTo("7c0e9c1e-1d2f-4a7b-9f00-000000000001/lesson:lesson-03");
        assertThat(Topics.courseIdOfKey(key)).isEqualTo("7c0e9c1e-1d2f-4a7b-9f00-000000000001");
    }

    @Test
    void aFactsKeyIsItsCourseId() {
        assertThat(Topics.courseIdOfKey("7c0e9c1e-1d2f-4a7b-9f00-000000000001")).isEqualTo("7c0e9c1e-1d2f-4a7b-9f00-000000000001");
    }

    @Test
    void aTenantsOwnTopicsNameItAndOnlyItsIntakeTopicMatchesTheIntakePattern() {
        assertThat(Topics.courseRequestsOf("acme")).isEqualTo("course.requests.acme");
        assertThat(Topics.courseStatusOf("acme.eu")).isEqualTo("course.status.acme.eu");
        assertThat(Topics.tenantOfCourseRequests("course.requests.acme.eu")).contains("acme.eu");
        // neither the shared topic, its DLT, a tenant topic's DLT nor another topic is a tenant's intake
        assertThat(Topics.tenantOfCourseRequests("course.requests")).isEmpty();
        assertThat(Topics.tenantOfCourseRequests("course.requests.DLT")).isEmpty();
        assertThat(Topics.tenantOfCourseRequests("course.requests.acme.DLT")).isEmpty();
        assertThat(Topics.tenantOfCourseRequests("course.status.acme")).isEmpty();
        assertThat(Topics.tenantOfCourseRequests(null)).isEmpty();
    }

    @Test
    void aTenantIdThatCannotNameItsOwnTopicIsRefused() {
        assertThatThrownBy(() -> Topics.courseRequestsOf("x.DLT")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.courseStatusOf("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.courseStatusOf("")).isInstanceOf(IllegalArgumentException.class);
    }
}
