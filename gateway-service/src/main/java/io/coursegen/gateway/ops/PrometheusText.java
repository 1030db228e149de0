package io.coursegen.gateway.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format 0.0.4 (what {@code /actuator/prometheus} answers by default) into
 * samples. Prometheus' Java client only writes this format, so this is the small reader the ops view needs:
 * comments and {@code # HELP}/{@code # TYPE} lines are skipped, label values are unescaped ({@code \\}, {@code \"},
 * {@code \n}), {@code +Inf}/{@code -Inf}/{@code NaN} are numbers, and a trailing timestamp is ignored.
 */
final class PrometheusText {

    private PrometheusText() {
    }

    /** @throws IllegalArgumentException naming the line, for text that is not in the format */
    static List<Sample> parse(String exposition) {
        List<Sample> samples = new ArrayList<>();
        int lineNumber = 0;
        for (String line : exposition.split("\n")) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            try {
                samples.add(new LineReader(trimmed).sample());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Not a Prometheus text sample at line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        return samples;
    }

    private static final class LineReader {

        private final String line;
        private int position;

        LineReader(String line) {
            this.line = line;
        }

        Sample sample() {
            String name = name();
            Map<String, String> labels = new LinkedHashMap<>();
            skipBlanks();
            if (peek() == '{') {
                position++;
                labels(labels);
            }
            skipBlanks();
            int start = position;
            while (position < line.length() && !Character.isWhitespace(line.charAt(position))) {
                position++;
            }
            if (start == position) {
                throw new IllegalArgumentException("no value");
            }
            return new Sample(name, labels, number(line.substring(start, position)));
        }

        private void labels(Map<String, String> labels) {
            while (true) {
                skipBlanks();
                if (peek() == '}') {
                    position++;
                    return;
                }
                String label = name();
                skipBlanks();
                expect('=');
                skipBlanks();
                expect('"');
                labels.put(label, quoted());
                skipBlanks();
                if (peek() == ',') {
                    position++;
                } else if (peek() != '}') {
                    throw new IllegalArgumentException("expected , or } at column " + (position + 1));
                }
            }
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            while (position < line.length()) {
                char c = line.charAt(position++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && position < line.length()) {
                    char escaped = line.charAt(position++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            throw new IllegalArgumentException("unterminated label value");
        }

        private String name() {
            int start = position;
            while (position < line.length() && isNameChar(line.charAt(position), position == start)) {
                position++;
            }
            if (start == position) {
                throw new IllegalArgumentException("expected a name at column " + (start + 1));
            }
            return line.substring(start, position);
        }

        private static boolean isNameChar(char c, boolean first) {
            return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');
        }

        private void expect(char expected) {
            if (peek() != expected) {
                throw new IllegalArgumentException("expected " + expected + " at column " + (position + 1));
            }
            position++;
        }

        private char peek() {
            return position < line.length() ? line.charAt(position) : '\0';
        }

        private void skipBlanks() {
            while (position < line.length() && (line.charAt(position) == ' ' || line.charAt(position) == '\t')) {
                position++;
            }
        }

        private static double number(String text) {
            return switch (text) {
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(text);
            };
        }
    }
}
