package io.coursegen.storage.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlugsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Quantum computing, gently                 | quantum-computing-gently",
            "Café crème & Straße: 101 ways!            | cafe-creme-strasse-101-ways",
            "  --Leading and trailing--                | leading-and-trailing",
            "Ærø Łódź                                  | aero-lodz",
            "Python 入門                                | python",
            "量子計算入門                                |",
            "'<script>alert(1)</script>'               | script-alert-1-script"})
    void titlesBecomeLowercaseAsciiWordsJoinedByHyphens(String title, String slug) {
        assertThat(Slugs.of(title)).isEqualTo(slug == null ? "" : slug);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "量子計算入門 | course-7f3a | course-7f3a",
            "量子計算入門 | 課程       | course",
            "Entropy     | course-7f3a | entropy"})
    void aTitleWithoutLatinLettersFallsBackToTheId(String title, String id, String slug) {
        assertThat(Slugs.of(title, id, "course")).isEqualTo(slug);
    }

    @ParameterizedTest
    @CsvSource({"60", "61", "200"})
    void longTitlesAreCutToSixtyCharactersWithoutATrailingHyphen(int length) {
        String title = "ab ".repeat(length);

        assertThat(Slugs.of(title)).hasSizeLessThanOrEqualTo(Slugs.MAX_LENGTH).doesNotEndWith("-").startsWith("ab-ab");
    }
}
