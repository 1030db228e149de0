package io.coursegen.bench;

import java.util.ArrayList;
import java.util.List;

/** The figures of one run and the observations that explain them, as Markdown. */
final class Report {

    private final List<String> header = new ArrayList<>();
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    private final List<String> notMeasured = new ArrayList<>();
    private final List<String> noise = new ArrayList<>();

    void header(String line) {
        header.add(line);
    }

    void figure(Figure figure) {
        figures.add(figure);
    }

    void detail(String line) {
        details.add(line);
    }

    void notMeasured(String line) {
        notMeasured.add(line);
    }

    void noise(String line) {
        noise.add(line);
    }

    List<Figure> figures() {
        return List.copyOf(figures);
    }

    String table() {
        StringBuilder table = new StringBuilder();
        table.append("| # | figure | measured | bound | ratio | target | met |\n");
        table.append("|---|---|---|---|---|---|---|\n");
        figures.stream().sorted(java.util.Comparator.comparing(Figure::id))
                .forEach(figure -> table.append(figure.row()).append('\n'));
        return table.toString();
    }

    String markdown() {
        StringBuilder text = new StringBuilder("## Latest run\n\n");
        header.forEach(line -> text.append("- ").append(line).append('\n'));
        text.append('\n').append(table()).append('\n');
        section(text, "What the run saw", details);
        section(text, "Not measured", notMeasured);
        section(text, "Noise", noise);
        return text.toString();
    }

    private static void section(StringBuilder text, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        text.append("### ").append(title).append("\n\n");
        lines.forEach(line -> text.append("- ").append(line).append('\n'));
        text.append('\n');
    }
}
