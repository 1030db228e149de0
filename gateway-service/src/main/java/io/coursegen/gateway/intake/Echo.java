package io.coursegen.gateway.intake;

/** Submitter-chosen text in a public event is cut short, so a record cannot make its rejection huge. */
final class Echo {

    private static final int MAX_CHARACTERS = 100;

    private Echo() {
    }

    static String shortened(String text) {
        return text == null || text.length() <= MAX_CHARACTERS ? text : text.substring(0, MAX_CHARACTERS) + "...";
    }
}
