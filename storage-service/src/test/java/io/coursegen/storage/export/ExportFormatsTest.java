package io.coursegen.storage.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

class ExportFormatsTest {

    private final LessonMarkdown markdown = new LessonMarkdown();
    private final ExportFormats formats = new ExportFormats(List.of(new JsonExporter(JsonMapper.builder().build()),
            new MarkdownExporter(markdown), new HtmlExporter(markdown), new Scorm12Exporter(markdown)));

    @Test
    void formatsAreFoundByNameInAnyCase() {
        assertThat(formats.names()).containsExactly("json", "markdown", "html", "scorm12");
        assertThat(formats.get("html")).isInstanceOf(HtmlExporter.class);
        assertThat(formats.get(" SCORM12 ")).isInstanceOf(Scorm12Exporter.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pdf", "scorm2004", "json;html"})
    void anUnknownFormatIsABadRequestListingTheFormats(String format) {
        assertThatThrownBy(() -> formats.get(format)).isInstanceOfSatisfying(UnknownExportFormatException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(e.getBody().getDetail()).isEqualTo("format must be one of json, markdown, html, scorm12");
            assertThat(e.getBody().getProperties()).containsEntry("formats",
                    List.of("json", "markdown", "html", "scorm12"));
        });
    }

    @ParameterizedTest
    @NullAndEmptySource
    void aMissingFormatIsABadRequestSayingItIsRequired(String format) {
        assertThatThrownBy(() -> formats.get(format)).isInstanceOfSatisfying(UnknownExportFormatException.class,
                e -> assertThat(e.getBody().getDetail())
                        .isEqualTo("Query parameter format is required; one of json, markdown, html, scorm12"));
    }

    @Test
    void twoExportersForOneFormatAreAMistakeFoundAtStartup() {
        assertThatThrownBy(() -> new ExportFormats(List.of(new HtmlExporter(markdown), new HtmlExporter(markdown))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("html");
    }
}
