package io.coursegen.local.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class EmbeddedKafkaTest {

    @Test
    void aFatalKafkaErrorDoesNotEndTheJvm(@TempDir Path logDir) {
        try (EmbeddedKafka kafka = new EmbeddedKafka(logDir, 0, 0)) {
            kafka.start();

            assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
            assertThatThrownBy(() -> Exit.halt(1, "simulated fatal metadata error"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("simulated fatal metadata error");
            assertThatThrownBy(() -> Exit.exit(1))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void hasNoAddressBeforeItStarts(@TempDir Path logDir) {
        assertThatThrownBy(() -> new EmbeddedKafka(logDir, 0, 0).bootstrapServers())
                .isInstanceOf(IllegalStateException.class);
    }
}
