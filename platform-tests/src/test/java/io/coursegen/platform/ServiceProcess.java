package io.coursegen.platform;

import static org.awaitility.Awaitility.await;

import io.coursegen.local.LocalPlatform;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One service in a JVM of its own, started with the arguments the platform would have given it, so a test can
 * kill it the hard way ({@link #kill()}: no shutdown hooks, no graceful stop), as a crash or an OOM kill would, or
 * stop it as an orchestrator does ({@link #stop()}: SIGTERM, shutdown hooks run).
 * Its log goes to {@code target/<service>-<n>.log}.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static final String PORT_ARGUMENT = "--server.port=";
    private static final String SHUTDOWN_HOOK_ARGUMENT = "--spring.main.register-shutdown-hook=";

    private final String service;
    private final Process process;
    private final int port;
    private final File log;

    private ServiceProcess(String service, Process process, int port, File log) {
        this.service = service;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with the platform's arguments for {@code service} plus {@code extraArguments}, and
     * waits until it reports ready.
     */
    static ServiceProcess start(LocalPlatform platform, String service, Class<?> mainClass, int instance,
            List<String> extraArguments) {
        List<String> arguments = platform.serviceArguments(service);
        // a port the settings fix (others must know it) is kept; otherwise any free one
        int fixedPort = arguments.stream().filter(argument -> argument.startsWith(PORT_ARGUMENT))
                .mapToInt(argument -> Integer.parseInt(argument.substring(PORT_ARGUMENT.length()))).findFirst().orElse(0);
        int port = fixedPort != 0 ? fixedPort : freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        arguments.stream()
                // in a JVM of its own the service stops as in production: on SIGTERM, through its shutdown hook
                .filter(argument -> !argument.startsWith(SHUTDOWN_HOOK_ARGUMENT))
                .map(argument -> argument.startsWith(PORT_ARGUMENT) ? PORT_ARGUMENT + port : argument)
                .forEach(command::add);
        command.addAll(extraArguments);
        File log = new File("target", service + "-" + instance + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log)).start();
            ServiceProcess started = new ServiceProcess(service, process, port, log);
            started.awaitReady();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + service, e);
        }
    }

    /** Kills the JVM at once (SIGKILL): whatever it was doing is lost mid-way. */
    void kill() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    /** Asks the JVM to stop (SIGTERM), as an orchestrator does before a redeploy, and waits until it has. */
    void stop() {
        process.destroy();
        await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        await().atMost(READY_WITHIN).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .failFast(service + " exited before it was ready, see " + log.getAbsolutePath(), () -> !process.isAlive())
                .until(() -> http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port", e);
        }
    }
}
