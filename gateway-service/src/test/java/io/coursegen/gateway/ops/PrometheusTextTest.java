package io.coursegen.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void readsNamesLabelsAndValuesAndSkipsComments() {
        List<Sample> samples = PrometheusText.parse("""
                # HELP coursegen_llm_calls_total Model calls
                # TYPE coursegen_llm_calls_total counter
                coursegen_llm_calls_total{model="gpt-4.1-mini",outcome="success",provider="openai",type="chat"} 7.0
                process_uptime_seconds 12.5

                # a comment
                """);

        assertThat(samples).containsExactly(
                new Sample("coursegen_llm_calls_total",
                        Map.of("model", "gpt-4.1-mini", "outcome", "success", "provider", "openai", "type", "chat"), 7.0),
                new Sample("process_uptime_seconds", Map.of(), 12.5));
    }

    @Test
    void unescapesLabelValuesAndToleratesSpacesATrailingCommaAndATimestamp() {
        List<Sample> samples = PrometheusText.parse(
                "msdos_file_access_time_seconds { path=\"C:\\\\DIR\\\\FILE.TXT\" , error=\"Cannot find file:\\n\\\"FILE.TXT\\\"\", } 1.458255915e9 1395066363000\r\n");

        assertThat(samples).singleElement().satisfies(sample -> {
            assertThat(sample.label("path")).isEqualTo("C:\\DIR\\FILE.TXT");
            assertThat(sample.label("error")).isEqualTo("Cannot find file:\n\"FILE.TXT\"");
            assertThat(sample.value()).isEqualTo(1.458255915e9);
        });
    }

    @Test
    void readsInfinitiesAndNotANumber() {
        List<Sample> samples = PrometheusText.parse("""
                a_bucket{le="+Inf"} +Inf
                b -Inf
                c NaN
                """);

        assertThat(samples).extracting(Sample::value)
                .containsExactly(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN);
        assertThat(samples.get(0).label("le")).isEqualTo("+Inf");
    }

    @Test
    void refusesTextThatIsNotTheFormatNamingTheLine() {
        assertThatThrownBy(() -> PrometheusText.parse("ok 1\n<html><body>Not found</body></html>\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> PrometheusText.parse("a{b=\"unterminated} 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> PrometheusText.parse("no_value"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsEveryLineOfARealServiceExposition() {
        List<Sample> samples = PrometheusText.parse(OpsFixtures.text("storage-service"));

        assertThat(samples).hasSize((int) OpsFixtures.text("storage-service").lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).count());
        assertThat(samples).contains(new Sample("coursegen_courses_completed_total", Map.of(), 2.0));
    }
}
