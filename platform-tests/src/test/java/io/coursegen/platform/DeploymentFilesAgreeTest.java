package io.coursegen.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml, its override deploy/compose/host-ports.yml, deploy/prometheus/prometheus.yml, deploy/k8s/base
 * and each service's own configuration must name the same services, ports and addresses: the API on each service's
 * {@code server.port}, actuator (probes, metrics) and the gateway's ops view on its management port
 * ({@code MANAGEMENT_SERVER_PORT}), which compose and Kubernetes set alike. The files are only read; nothing is
 * started (docker-compose.yml itself is linted by .ci/compose-checks, the manifests by .ci/k8s-checks).
 */
class DeploymentFilesAgreeTest {

    /** Surefire runs in the module's folder. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> SERVICES =
            List.of("gateway-service", "outline-service", "content-service", "image-service", "storage-service");
    private static final Set<String> GENERATING = Set.of("outline-service", "content-service", "image-service");
    /** The gateway checks what tenants write with the provider's moderation before anything is generated. */
    private static final Set<String> MODERATING = Set.of("gateway-service");
    /** The gateway's address of storage-service's API, as its configuration reads it. */
    private static final Map<String, String> GATEWAY_API_ADDRESSES = Map.of(
            "COURSEGEN_GATEWAY_STORAGE_URL", "storage-service");
    /** Where the gateway's ops view reads the other services' metrics: their management ports. */
    private static final Map<String, String> GATEWAY_METRICS_ADDRESSES = Map.of(
            "COURSEGEN_OPS_OUTLINE_URL", "outline-service",
            "COURSEGEN_OPS_CONTENT_URL", "content-service",
            "COURSEGEN_OPS_IMAGE_URL", "image-service",
            "COURSEGEN_OPS_STORAGE_URL", "storage-service");
    /**
     * Variables the gateway's configuration does not name as a placeholder, which Spring Boot binds by their
     * relaxed name instead, and the property each sets.
     */
    private static final Map<String, List<String>> RELAXED_BINDINGS = Map.of(
            "COURSEGEN_OPS_STORAGE_URL", List.of("coursegen", "ops", "storage-url"));
    private static final String MANAGEMENT_PORT = "MANAGEMENT_SERVER_PORT";
    private static final Pattern URL = Pattern.compile("https?://([A-Za-z0-9.-]+):(\\d+)(/[^\\s'\"]*)?");
    /** Spring's {@code ${NAME:default}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+):([^}]*)}");
    /** Compose's {@code ${NAME...}} (with or without a default or an error message). */
    private static final Pattern COMPOSE_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)");

    private static Map<String, Map<String, Object>> compose;
    private static Map<String, Map<String, Object>> hostPorts;
    private static final Map<String, String> SERVICE_CONFIG_TEXT = new LinkedHashMap<>();
    private static final Map<String, Map<String, Object>> SERVICE_CONFIG = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws IOException {
        compose = services(load("docker-compose.yml"));
        hostPorts = services(load("deploy/compose/host-ports.yml"));
        for (String service : SERVICES) {
            String file = service + "/src/main/resources/" + service + ".yml";
            SERVICE_CONFIG_TEXT.put(service, Files.readString(ROOT.resolve(file)));
            SERVICE_CONFIG.put(service, load(file));
        }
    }

    @Test
    void everyPrometheusTargetIsAComposeServiceOnThatServicesManagementPort() throws IOException {
        List<String> scraped = new ArrayList<>();
        for (Object job : list(load("deploy/prometheus/prometheus.yml").get("scrape_configs"))) {
            for (Object staticConfig : list(map(job).get("static_configs"))) {
                for (Object target : list(map(staticConfig).get("targets"))) {
                    String[] hostPort = target.toString().split(":");
                    String host = hostPort[0];
                    assertThat(compose)
                            .as("prometheus.yml scrapes %s, but docker-compose.yml has no service %s", target, host)
                            .containsKey(host);
                    assertThat(SERVICES)
                            .as("prometheus.yml scrapes %s, which is not a Coursegen service with a server.port", target)
                            .contains(host);
                    assertThat(Integer.parseInt(hostPort[1]))
                            .as("prometheus.yml scrapes %s, but docker-compose.yml gives %s the management port %d",
                                    target, host, managementPort(host))
                            .isEqualTo(managementPort(host));
                    scraped.add(host);
                }
            }
        }
        assertThat(scraped).as("services prometheus.yml scrapes").containsAll(SERVICES);
    }

    @Test
    void everyServiceIsHealthCheckedAtItsReadinessOnItsManagementPort() {
        for (String service : SERVICES) {
            Object healthcheck = compose.get(service).get("healthcheck");
            assertThat(healthcheck).as("docker-compose.yml: %s has no healthcheck", service).isNotNull();
            String test = command(map(healthcheck).get("test"));
            Matcher url = URL.matcher(test);
            assertThat(url.find()).as("docker-compose.yml: %s's healthcheck calls no http://host:port URL: %s", service, test)
                    .isTrue();
            assertThat(Integer.parseInt(url.group(2)))
                    .as("docker-compose.yml: %s's healthcheck calls port %s, but its management port is %d",
                            service, url.group(2), managementPort(service))
                    .isEqualTo(managementPort(service));
            assertThat(url.group(3))
                    .as("docker-compose.yml: %s's healthcheck calls %s, not the readiness probe", service, url.group())
                    .isEqualTo("/actuator/health/readiness");
        }
    }

    @Test
    void theGatewayNamesEachServiceWhereItListens() {
        Map<String, Object> environment = environment("gateway-service");
        Map<String, String> all = new LinkedHashMap<>(GATEWAY_API_ADDRESSES);
        all.putAll(GATEWAY_METRICS_ADDRESSES);
        all.forEach((variable, service) -> {
            if (RELAXED_BINDINGS.containsKey(variable)) {
                assertThat(nested(SERVICE_CONFIG.get("gateway-service"), RELAXED_BINDINGS.get(variable).toArray(String[]::new)))
                        .as("gateway-service.yml no longer has %s, which %s (docker-compose.yml) sets",
                                String.join(".", RELAXED_BINDINGS.get(variable)), variable)
                        .isNotNull();
            } else {
                assertThat(SERVICE_CONFIG_TEXT.get("gateway-service"))
                        .as("gateway-service.yml no longer reads %s, which docker-compose.yml sets", variable)
                        .contains("${" + variable + ":");
            }
            assertThat(environment).as("docker-compose.yml: gateway-service does not set %s", variable)
                    .containsKey(variable);
            URI address = URI.create(String.valueOf(environment.get(variable)));
            assertThat(address.getHost()).as("docker-compose.yml: gateway-service's %s=%s names the wrong service",
                    variable, address).isEqualTo(service);
            int expected = GATEWAY_METRICS_ADDRESSES.containsKey(variable) ? managementPort(service) : serverPort(service);
            assertThat(address.getPort()).as("docker-compose.yml: gateway-service's %s=%s, but %s listens for it on %d",
                    variable, address, service, expected).isEqualTo(expected);
        });
    }

    @Test
    void everyServiceServesActuatorOnAManagementPortApartFromItsApi() {
        Set<Integer> managementPorts = new TreeSet<>();
        for (String service : SERVICES) {
            assertThat(environment(service)).as("docker-compose.yml: %s sets no %s, so its API port serves actuator",
                    service, MANAGEMENT_PORT).containsKey(MANAGEMENT_PORT);
            assertThat(managementPort(service)).as("docker-compose.yml: %s's management port", service)
                    .isNotEqualTo(serverPort(service));
            managementPorts.add(managementPort(service));
            assertThat(nested(SERVICE_CONFIG.get(service), "management", "server", "port"))
                    .as("%s.yml fixes management.server.port; the deployment files set it through %s", service,
                            MANAGEMENT_PORT)
                    .isNull();
        }
        assertThat(managementPorts).as("management ports, one per service (the local platform runs all in one host)")
                .hasSameSizeAs(SERVICES);
    }

    @Test
    void theKubernetesManifestsProbeScrapeAndReadMetricsOnTheManagementPort() throws IOException {
        for (String service : SERVICES) {
            List<Map<String, Object>> objects = loadAll("deploy/k8s/base/" + service + ".yaml");
            Map<String, Object> deployment = kind(objects, "Deployment", service);
            Map<String, Object> template = map(map(deployment.get("spec")).get("template"));
            Map<String, Object> container = map(list(map(template.get("spec")).get("containers")).get(0));
            Map<String, Integer> ports = new LinkedHashMap<>();
            list(container.get("ports")).forEach(port -> ports.put(String.valueOf(map(port).get("name")),
                    Integer.parseInt(String.valueOf(map(port).get("containerPort")))));
            assertThat(ports).as("deploy/k8s/base/%s.yaml: the container's named ports", service)
                    .containsEntry("http", serverPort(service))
                    .containsEntry("management", managementPort(service));
            Map<String, String> env = new LinkedHashMap<>();
            list(container.get("env")).forEach(variable -> env.put(String.valueOf(map(variable).get("name")),
                    String.valueOf(map(variable).get("value"))));
            assertThat(env).as("deploy/k8s/base/%s.yaml: the container's environment", service)
                    .containsEntry(MANAGEMENT_PORT, String.valueOf(managementPort(service)));
            Map<String, Object> annotations = map(map(template.get("metadata")).get("annotations"));
            assertThat(annotations).as("deploy/k8s/base/%s.yaml: where Prometheus scrapes", service)
                    .containsEntry("prometheus.io/port", String.valueOf(managementPort(service)))
                    .containsEntry("prometheus.io/path", "/actuator/prometheus");
            List<String> providerSettings = list(container.get("env")).stream().map(variable -> String.valueOf(map(variable).get("name")))
                    .filter(name -> name.startsWith("OPENAI_") || name.startsWith("COURSEGEN_LLM_")).toList();
            if (GENERATING.contains(service) || MODERATING.contains(service)) {
                assertThat(providerSettings).as("deploy/k8s/base/%s.yaml: the model provider's settings", service)
                        .contains("COURSEGEN_LLM_PROVIDER", "OPENAI_BASE_URL", "OPENAI_API_KEY");
            } else {
                assertThat(providerSettings).as("deploy/k8s/base/%s.yaml calls no model, yet gets these settings", service)
                        .isEmpty();
            }
            if (service.equals("gateway-service")) {
                Map<String, String> all = new LinkedHashMap<>(GATEWAY_API_ADDRESSES);
                all.putAll(GATEWAY_METRICS_ADDRESSES);
                all.forEach((variable, target) -> {
                    assertThat(env).as("deploy/k8s/base/gateway-service.yaml does not set %s", variable).containsKey(variable);
                    URI address = URI.create(env.get(variable));
                    int expected = GATEWAY_METRICS_ADDRESSES.containsKey(variable) ? managementPort(target) : serverPort(target);
                    assertThat(address.getHost() + ":" + address.getPort())
                            .as("deploy/k8s/base/gateway-service.yaml: %s=%s", variable, address)
                            .isEqualTo(target + ":" + expected);
                });
            } else {
                // the gateway reaches the others' metrics through their Services
                Map<String, Object> serviceObject = kind(objects, "Service", service);
                assertThat(list(map(serviceObject.get("spec")).get("ports"))).extracting(port -> map(port).get("port"))
                        .as("deploy/k8s/base/%s.yaml: the Service's ports", service)
                        .contains(serverPort(service), managementPort(service));
            }
        }
        Map<String, Object> podDefaults = loadAll("deploy/k8s/base/pod-defaults.yaml").get(0);
        Map<String, Object> container = map(list(map(map(map(podDefaults.get("spec")).get("template")).get("spec"))
                .get("containers")).get(0));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Map<String, Object> httpGet = map(map(container.get(probe)).get("httpGet"));
            assertThat(httpGet.get("port")).as("deploy/k8s/base/pod-defaults.yaml: %s's port", probe).isEqualTo("management");
            assertThat(String.valueOf(httpGet.get("path"))).as("deploy/k8s/base/pod-defaults.yaml: %s's path", probe)
                    .startsWith("/actuator/health/");
        }
    }

    @Test
    void onlyTheGatewayIsPublishedAndOnlyOnLoopback() {
        compose.forEach((service, definition) -> {
            List<Object> ports = list(definition.get("ports"));
            if (!service.equals("gateway-service")) {
                assertThat(ports).as("docker-compose.yml publishes %s; infrastructure belongs in host-ports.yml", service)
                        .isEmpty();
            }
        });
        List<Object> gateway = list(compose.get("gateway-service").get("ports"));
        assertThat(gateway).as("docker-compose.yml: gateway-service's ports: the API and actuator with the ops view")
                .extracting(Object::toString)
                .containsExactly("127.0.0.1:8080:" + serverPort("gateway-service"),
                        "127.0.0.1:" + managementPort("gateway-service") + ":" + managementPort("gateway-service"));
        hostPorts.forEach((service, definition) -> {
            assertThat(compose).as("host-ports.yml publishes %s, which docker-compose.yml does not define", service)
                    .containsKey(service);
            for (Object port : list(definition.get("ports"))) {
                assertThat(port.toString()).as("host-ports.yml publishes %s beyond loopback", service)
                        .startsWith("127.0.0.1:");
            }
        });
    }

    @Test
    void theS3EndpointNamesTheComposeS3ServiceAndItsCredentials() {
        List<String> usingS3 = SERVICES.stream()
                .filter(service -> SERVICE_CONFIG_TEXT.get(service).contains("${COURSEGEN_S3_ENDPOINT:"))
                .toList();
        assertThat(usingS3).as("services whose configuration reads COURSEGEN_S3_ENDPOINT")
                .contains("image-service", "storage-service");
        for (String service : usingS3) {
            Map<String, Object> environment = environment(service);
            assertThat(environment).as("docker-compose.yml: %s reads COURSEGEN_S3_ENDPOINT, but it is not set", service)
                    .containsKey("COURSEGEN_S3_ENDPOINT");
            URI endpoint = URI.create(String.valueOf(environment.get("COURSEGEN_S3_ENDPOINT")));
            String s3 = endpoint.getHost();
            assertThat(compose).as("docker-compose.yml: %s's COURSEGEN_S3_ENDPOINT=%s names no compose service",
                    service, endpoint).containsKey(s3);
            Matcher health = URL.matcher(command(map(compose.get(s3).get("healthcheck")).get("test")));
            assertThat(health.find()).as("docker-compose.yml: the S3 service %s has no http healthcheck", s3).isTrue();
            assertThat(endpoint.getPort())
                    .as("docker-compose.yml: %s's COURSEGEN_S3_ENDPOINT=%s, but %s is health-checked on port %s",
                            service, endpoint, s3, health.group(2))
                    .isEqualTo(Integer.parseInt(health.group(2)));

            Map<String, Object> server = environment(s3);
            assertThat(variableIn(environment.get("COURSEGEN_S3_ACCESS_KEY")))
                    .as("docker-compose.yml: %s signs with another access key than the one %s accepts", service, s3)
                    .isEqualTo(variableIn(server.get("AWS_ACCESS_KEY_ID")));
            assertThat(variableIn(environment.get("COURSEGEN_S3_SECRET_KEY")))
                    .as("docker-compose.yml: %s signs with another secret than the one %s accepts", service, s3)
                    .isEqualTo(variableIn(server.get("AWS_SECRET_ACCESS_KEY")));

            Object publicEndpoint = environment.get("COURSEGEN_S3_PUBLIC_ENDPOINT");
            if (publicEndpoint != null) {
                // presigned URLs name this address: host-ports.yml must publish S3 there by default
                Matcher defaultUrl = URL.matcher(publicEndpoint.toString());
                assertThat(defaultUrl.find()).as("docker-compose.yml: %s's COURSEGEN_S3_PUBLIC_ENDPOINT has no default URL",
                        service).isTrue();
                String published = "127.0.0.1:" + defaultUrl.group(2) + ":" + endpoint.getPort();
                assertThat(list(hostPorts.getOrDefault(s3, Map.of()).get("ports")))
                        .as("presigned picture URLs name %s, so host-ports.yml must publish %s as %s",
                                defaultUrl.group(), s3, published)
                        .extracting(Object::toString).contains(published);
            }
        }
    }

    @Test
    void theModelProvidersSettingsReachOnlyTheServicesThatCallIt() {
        compose.forEach((service, definition) -> {
            List<String> modelSettings = environment(service).keySet().stream()
                    .filter(name -> name.startsWith("OPENAI_") || name.startsWith("COURSEGEN_LLM_"))
                    .toList();
            if (GENERATING.contains(service) || MODERATING.contains(service)) {
                assertThat(modelSettings).as("docker-compose.yml: %s generates or moderates, so it needs the provider and key",
                                service)
                        .contains("COURSEGEN_LLM_PROVIDER", "OPENAI_API_KEY", "OPENAI_BASE_URL");
            } else {
                assertThat(modelSettings).as("docker-compose.yml: %s calls no model, yet gets these settings", service)
                        .isEmpty();
            }
        });
    }

    @Test
    void gatewayAndStorageAloneShareTheInternalSecret() {
        compose.forEach((service, definition) -> {
            Object secret = environment(service).get("COURSEGEN_INTERNAL_SECRET");
            if (service.equals("gateway-service") || service.equals("storage-service")) {
                assertThat(secret).as("docker-compose.yml: %s signs or checks requests to storage, so it needs the secret",
                        service).isNotNull();
            } else {
                assertThat(secret).as("docker-compose.yml: %s has no use for the internal secret", service).isNull();
            }
        });
        assertThat(environment("gateway-service").get("COURSEGEN_INTERNAL_SECRET"))
                .as("docker-compose.yml: gateway and storage must get the same secret")
                .isEqualTo(environment("storage-service").get("COURSEGEN_INTERNAL_SECRET"));
    }

    /**
     * Every service signs its Kafka records with the record secret and checks what it reads with it, so each must get
     * the same one, required (a default would be a secret everybody knows); nothing else has a use for it.
     */
    @Test
    void everyServiceGetsTheSameRequiredRecordSecretInComposeAndKubernetes() throws IOException {
        String variable = "COURSEGEN_KAFKA_RECORD_SECRET";
        compose.forEach((service, definition) -> {
            Object secret = environment(service).get(variable);
            if (SERVICES.contains(service)) {
                assertThat(String.valueOf(secret)).as("docker-compose.yml: %s's %s", service, variable)
                        .startsWith("${" + variable + ":?");
                assertThat(secret).as("docker-compose.yml: %s gets the same record secret as the gateway", service)
                        .isEqualTo(environment("gateway-service").get(variable));
            } else {
                assertThat(secret).as("docker-compose.yml: %s has no use for the record secret", service).isNull();
            }
        });

        // in Kubernetes every Deployment gets it from pod-defaults.yaml, the patch the base applies to each of them
        Map<String, Object> kustomization = load("deploy/k8s/base/kustomization.yaml");
        assertThat(list(kustomization.get("patches"))).as("deploy/k8s/base/kustomization.yaml: its patches")
                .contains(Map.of("path", "pod-defaults.yaml", "target", Map.of("kind", "Deployment")));
        Map<String, Object> podDefaults = loadAll("deploy/k8s/base/pod-defaults.yaml").get(0);
        Map<String, Object> defaults = map(list(map(map(map(podDefaults.get("spec")).get("template")).get("spec"))
                .get("containers")).get(0));
        assertThat(list(defaults.get("env"))).as("deploy/k8s/base/pod-defaults.yaml: every pod's environment")
                .contains(Map.of("name", variable, "valueFrom",
                        Map.of("secretKeyRef", Map.of("name", "coursegen-secrets", "key", variable))));
        for (String service : SERVICES) {
            Map<String, Object> deployment = kind(loadAll("deploy/k8s/base/" + service + ".yaml"), "Deployment", service);
            Map<String, Object> container = map(list(map(map(map(deployment.get("spec")).get("template")).get("spec"))
                    .get("containers")).get(0));
            assertThat(container.get("name")).as("deploy/k8s/base/%s.yaml: the container pod-defaults.yaml patches", service)
                    .isEqualTo(defaults.get("name"));
            assertThat(list(container.get("env"))).extracting(entry -> map(entry).get("name"))
                    .as("deploy/k8s/base/%s.yaml sets no record secret of its own", service).doesNotContain(variable);
        }
    }

    @Test
    void eachServicesStopGracePeriodExceedsItsShutdownTimeout() {
        for (String service : SERVICES) {
            Object grace = compose.get(service).get("stop_grace_period");
            assertThat(grace).as("docker-compose.yml: %s has no stop_grace_period (Docker's 10 s)", service).isNotNull();
            Duration gracePeriod = composeDuration(grace.toString());

            Object fromCompose = environment(service).get("COURSEGEN_SHUTDOWN_TIMEOUT");
            Object property = nested(SERVICE_CONFIG.get(service), "spring", "lifecycle", "timeout-per-shutdown-phase");
            String timeout;
            String source;
            if (fromCompose != null) {
                timeout = fromCompose.toString();
                source = "COURSEGEN_SHUTDOWN_TIMEOUT in docker-compose.yml";
            } else if (property != null) {
                timeout = resolveDefault(property.toString());
                source = service + ".yml's spring.lifecycle.timeout-per-shutdown-phase";
            } else {
                timeout = "30s";
                source = "Spring Boot's default timeout-per-shutdown-phase";
            }
            assertThat(gracePeriod)
                    .as("docker-compose.yml: %s's stop_grace_period %s must exceed its shutdown phase %s (%s), "
                            + "or Docker kills it mid-call", service, grace, timeout, source)
                    .isGreaterThan(springDuration(timeout));
        }
    }

    @Test
    void theContainerTestsRunTheImagesComposeRuns() throws IOException {
        Map<String, String> composeTags = new LinkedHashMap<>();
        compose.values().stream().map(definition -> definition.get("image")).filter(image -> image != null)
                .map(Object::toString)
                .forEach(image -> composeTags.put(image.substring(0, image.lastIndexOf(':')),
                        image.substring(image.lastIndexOf(':') + 1)));
        Pattern containerImage = Pattern.compile("Container<?\\??>?\\(\"([a-z0-9][a-z0-9._/-]*):([A-Za-z0-9._-]+)\"");
        Set<String> used = new TreeSet<>();
        for (String service : SERVICES) {
            Path tests = ROOT.resolve(service).resolve("src/test/java");
            List<Path> sources;
            try (var files = Files.walk(tests)) {
                sources = files.filter(file -> file.toString().endsWith(".java")).toList();
            }
            for (Path source : sources) {
                Matcher image = containerImage.matcher(Files.readString(source));
                while (image.find()) {
                    String repository = image.group(1);
                    assertThat(composeTags)
                            .as("%s starts %s:%s, an image docker-compose.yml does not run", ROOT.relativize(source),
                                    repository, image.group(2))
                            .containsKey(repository);
                    assertThat(image.group(2))
                            .as("%s starts %s:%s, but docker-compose.yml runs %s:%s", ROOT.relativize(source),
                                    repository, image.group(2), repository, composeTags.get(repository))
                            .isEqualTo(composeTags.get(repository));
                    used.add(repository);
                }
            }
        }
        assertThat(used).as("images the Testcontainers variants start")
                .contains("apache/kafka", "mongo", "chrislusf/seaweedfs");
    }

    private static int serverPort(String service) {
        Object port = nested(SERVICE_CONFIG.get(service), "server", "port");
        assertThat(port).as("%s.yml sets no server.port", service).isNotNull();
        return Integer.parseInt(resolveDefault(port.toString()));
    }

    /** The port actuator is served on: docker-compose.yml's MANAGEMENT_SERVER_PORT for the service. */
    private static int managementPort(String service) {
        Object port = environment(service).get(MANAGEMENT_PORT);
        assertThat(port).as("docker-compose.yml: %s sets no %s", service, MANAGEMENT_PORT).isNotNull();
        return Integer.parseInt(port.toString());
    }

    /** Every document of a multi-document YAML file. */
    private static List<Map<String, Object>> loadAll(String file) throws IOException {
        Path path = ROOT.resolve(file);
        assertThat(path).as("%s, read relative to the repository root", file).isRegularFile();
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(path)) {
            for (Object document : new Yaml().loadAll(reader)) {
                if (document != null) {
                    documents.add(map(document));
                }
            }
        }
        return documents;
    }

    private static Map<String, Object> kind(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream()
                .filter(object -> kind.equals(object.get("kind")) && name.equals(map(object.get("metadata")).get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** A healthcheck's test, in list or string form, as one line. */
    private static String command(Object test) {
        return test instanceof List<?> words ? String.join(" ", words.stream().map(String::valueOf).toList())
                : String.valueOf(test);
    }

    private static Map<String, Object> environment(String service) {
        Object environment = compose.get(service).get("environment");
        return environment == null ? Map.of() : map(environment);
    }

    /** {@code ${NAME:default}} gives the default; anything else is taken as it is. */
    private static String resolveDefault(String value) {
        Matcher placeholder = PLACEHOLDER.matcher(value.trim());
        return placeholder.matches() ? placeholder.group(2) : value.trim();
    }

    private static String variableIn(Object composeValue) {
        Matcher variable = COMPOSE_VARIABLE.matcher(String.valueOf(composeValue));
        return variable.find() ? variable.group(1) : "(a literal value)";
    }

    /** Compose's durations: Go's format, such as 150s, 2m30s or 1h. */
    private static Duration composeDuration(String value) {
        Matcher part = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
            end = part.end();
        }
        assertThat(end).as("not a Compose duration: %s", value).isEqualTo(value.length()).isPositive();
        return total;
    }

    /** Spring's simple durations (130s, 2m, plain milliseconds) and ISO-8601 (PT130S). */
    private static Duration springDuration(String value) {
        if (value.toUpperCase().startsWith("P")) {
            return Duration.parse(value);
        }
        Matcher simple = Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(value);
        assertThat(simple.matches()).as("not a Spring duration: %s", value).isTrue();
        long amount = Long.parseLong(simple.group(1));
        String unit = simple.group(2) == null ? "ms" : simple.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static Object nested(Map<String, Object> root, String... keys) {
        Object node = root;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    static Map<String, Object> load(String file) throws IOException {
        Path path = ROOT.resolve(file);
        assertThat(path).as("%s, read relative to the repository root", file).isRegularFile();
        try (Reader reader = Files.newBufferedReader(path)) {
            // SnakeYAML resolves the anchors and << merge keys docker-compose.yml uses
            return new Yaml().load(reader);
        }
    }

    static Map<String, Map<String, Object>> services(Map<String, Object> composeFile) {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        map(composeFile.get("services")).forEach((name, definition) -> services.put(name, map(definition)));
        return services;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        assertThat(node).as("a YAML mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return node == null ? List.of() : (List<Object>) node;
    }
}
