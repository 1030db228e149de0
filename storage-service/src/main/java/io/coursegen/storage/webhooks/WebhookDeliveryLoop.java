package io.coursegen.storage.webhooks;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts the attempts of due deliveries every {@code coursegen.webhooks.poll-interval} from a thread of its own
 * (they run on {@link WebhookDeliveries}' pool), so a slow receiver delays only webhooks, never the course deadline
 * checks on the shared scheduler.
 */
@Component
class WebhookDeliveryLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryLoop.class);

    private final WebhookDeliveries deliveries;
    private final WebhookProperties properties;
    private ScheduledExecutorService executor;

    WebhookDeliveryLoop(WebhookDeliveries deliveries, WebhookProperties properties) {
        this.deliveries = deliveries;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-delivery");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::deliverDue, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void deliverDue() {
        try {
            deliveries.deliverDue();
        } catch (RuntimeException e) {
            // the next round tries again; a claimed delivery becomes due again when its lease ends
            log.warn("Webhook deliveries failed this round: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        deliveries.shutdown();
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
