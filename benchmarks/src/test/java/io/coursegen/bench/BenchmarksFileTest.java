package io.coursegen.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchmarksFileTest {

    @Test
    void replacesOnlyTheMarkedSectionAndKeepsTheTextAroundIt() {
        String document = "# Benchmarks\n\nIntro.\n\n" + BenchmarksFile.BEGIN + "\nold figures\n" + BenchmarksFile.END
                + "\n\n## Analysis\nKept.\n";

        String updated = BenchmarksFile.withSection(document, "new figures\n");

        assertThat(updated).isEqualTo("# Benchmarks\n\nIntro.\n\n" + BenchmarksFile.BEGIN + "\nnew figures\n"
                + BenchmarksFile.END + "\n\n## Analysis\nKept.\n");
    }

    @Test
    void appendsTheSectionToADocumentWithoutOneAndStartsAMissingDocument() {
        assertThat(BenchmarksFile.withSection("# Benchmarks\n\nIntro.\n", "figures"))
                .isEqualTo("# Benchmarks\n\nIntro.\n\n" + BenchmarksFile.BEGIN + "\nfigures\n" + BenchmarksFile.END + "\n");
        assertThat(BenchmarksFile.withSection(null, "figures")).startsWith("# Benchmarks\n").contains("figures");
    }
}
