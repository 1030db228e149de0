package io.coursegen.storage.course;

/**
 * Turns a part id into a MongoDB field name. Ids come from other services ({@code lesson-01}, {@code cover},
 * {@code unknown:course.requested}); a dot would split the path and a leading {@code $} reads as an operator,
 * so both are percent-encoded (and {@code %} itself, to keep the encoding reversible). The stored value keeps
 * the original id, so readers never decode.
 */
public final class FieldKeys {

    private FieldKeys() {
    }

    public static String encode(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("A part id must not be blank");
        }
        StringBuilder key = new StringBuilder(id.length());
        for (char c : id.toCharArray()) {
            switch (c) {
                case '%' -> key.append("%25");
                case '.' -> key.append("%2E");
                case '$' -> key.append("%24");
                case '\0' -> key.append("%00");
                default -> key.append(c);
            }
        }
        return key.toString();
    }

    /** The dotted path of one entry of a map field, e.g. {@code lessons.lesson-01}. */
    public static String path(String mapField, String id) {
        return mapField + "." + encode(id);
    }
}
