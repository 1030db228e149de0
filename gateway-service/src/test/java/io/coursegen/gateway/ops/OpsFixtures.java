package io.coursegen.gateway.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Expositions captured from {@code /actuator/prometheus} of real runs, cut down to the families the ops view reads
 * plus a few others: storage-service and content-service from the local platform on the offline provider (two
 * courses of two lessons each), image-service from platform-tests' OpsViewEndToEndTest on the openai provider
 * against its local model server (three courses of one lesson).
 */
final class OpsFixtures {

    private OpsFixtures() {
    }

    static String text(String service) {
        try (InputStream in = OpsFixtures.class.getResourceAsStream("/ops/" + service + ".prom")) {
            if (in == null) {
                throw new IllegalStateException("No fixture for " + service);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Scrape scrape(String service) {
        return Scrape.up(service, PrometheusText.parse(text(service)));
    }
}
