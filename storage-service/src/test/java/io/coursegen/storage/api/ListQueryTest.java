package io.coursegen.storage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coursegen.contracts.CourseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListQueryTest {

    @Test
    void aCursorSurvivesEncodingWithMillisecondPrecisionAndAnyId() {
        PageCursor cursor = new PageCursor(Instant.parse("2026-11-28T10:15:30.123Z"), "c-42|with|bars");

        PageCursor decoded = PageCursor.decode(cursor.encode());

        assertThat(decoded).isEqualTo(cursor);
        assertThat(cursor.encode()).doesNotContain("c-42").matches("[A-Za-z0-9_-]+");
    }

    @Test
    void missingParametersMeanFirstPageOfTwentyInEveryStatus() {
        assertThat(ListQuery.parse(null, null, null)).isEqualTo(new ListQuery(null, 20, null));
    }

    @Test
    void statusIsReadCaseInsensitively() {
        assertThat(ListQuery.parse("completed", "100", "").status()).isEqualTo(CourseStatus.COMPLETED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "ten", "2.5", "99999999999"})
    void aLimitOutsideOneToAHundredIsRejected(String limit) {
        assertThatThrownBy(() -> ListQuery.parse(null, limit, null))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("limit must be a whole number from 1 to 100");
    }

    @Test
    void anUnknownStatusIsRejected() {
        assertThatThrownBy(() -> ListQuery.parse("DONE", null, null))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("status must be one of");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%%%", "bm90IGEgY3Vyc29y", "MTIzfA", "fGlk", "YWJjfGlk"})
    void aCursorThisServiceDidNotMakeIsRejected(String cursor) {
        assertThatThrownBy(() -> ListQuery.parse(null, null, cursor))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("cursor is not valid");
    }

    @Test
    void theRejectedCursorsAboveAreWhatTheyClaimToBe() {
        assertThat(decode("bm90IGEgY3Vyc29y")).isEqualTo("not a cursor");
        assertThat(decode("MTIzfA")).isEqualTo("123|");
        assertThat(decode("fGlk")).isEqualTo("|id");
        assertThat(decode("YWJjfGlk")).isEqualTo("abc|id");
    }

    private static String decode(String base64) {
        return new String(Base64.getUrlDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
