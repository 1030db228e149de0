package io.coursegen.storage.api;

/** Revisions as entity tags: {@code ETag: "3"} in answers, the revision an {@code If-Match} names in requests. */
final class EntityTags {

    private EntityTags() {
    }

    static String of(int revision) {
        return "\"" + revision + "\"";
    }

    /**
     * The revision an {@code If-Match} names ({@code "3"}, also weak or unquoted); null without the header. A value
     * that names no revision (such as {@code *}) matches none: 412, never a silent overwrite.
     */
    static Integer revision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Integer.parseInt(tag);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
