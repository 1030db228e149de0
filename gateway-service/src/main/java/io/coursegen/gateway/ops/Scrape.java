package io.coursegen.gateway.ops;

import java.util.List;

/**
 * What one service's {@code /actuator/prometheus} gave: its samples, or why there are none.
 *
 * @param problem a short reason for an operator ("timed out after 2s", "HTTP 404"), null when up
 */
record Scrape(String service, List<Sample> samples, String problem) {

    Scrape {
        samples = List.copyOf(samples);
    }

    static Scrape up(String service, List<Sample> samples) {
        return new Scrape(service, samples, null);
    }

    static Scrape unavailable(String service, String problem) {
        return new Scrape(service, List.of(), problem);
    }

    boolean isUp() {
        return problem == null;
    }
}
