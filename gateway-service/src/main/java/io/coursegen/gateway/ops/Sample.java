package io.coursegen.gateway.ops;

import java.util.Map;

/** One line of a Prometheus text exposition: {@code name{labels} value}. */
record Sample(String name, Map<String, String> labels, double value) {

    Sample {
        labels = Map.copyOf(labels);
    }

    String label(String label) {
        return labels.getOrDefault(label, "");
    }
}
