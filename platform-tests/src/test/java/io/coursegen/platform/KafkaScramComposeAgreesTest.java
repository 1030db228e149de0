package io.coursegen.platform;

import static io.coursegen.platform.DeploymentFilesAgreeTest.load;
import static io.coursegen.platform.DeploymentFilesAgreeTest.map;
import static io.coursegen.platform.DeploymentFilesAgreeTest.services;
import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.local.KafkaAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kafka.docker.KafkaDockerWrapper$;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclPermissionType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The opt-in override deploy/compose/kafka-scram.yml (Kafka with SASL/SCRAM and ACLs) and its init script
 * deploy/compose/kafka-scram/init.sh must grant exactly what local-platform's {@link KafkaAccess} grants: the same
 * topics, the same ACLs for the same principals (the script's {@code create_topic} and {@code allow_*} lines, with its
 * per-tenant lines taken for two tenants), and each service must log in as its principal with the password the init
 * script sets for it. The broker's settings are read as the apache/kafka image turns them into server.properties.
 * The files are only read; nothing is started (.ci/compose-checks lints and resolves the override).
 */
class KafkaScramComposeAgreesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String OVERRIDE = "deploy/compose/kafka-scram.yml";
    private static final String INIT_SCRIPT = "deploy/compose/kafka-scram/init.sh";
    private static final String INIT_SERVICE = "kafka-init";
    private static final String ADMIN = "User:coursegen-admin";
    /** Two, so a per-tenant line that names the wrong tenant, or a line that should be per tenant, shows. */
    private static final List<String> TENANTS = List.of("acme", "globex");
    private static final Pattern SCRIPT_CALL =
            Pattern.compile("(create_topic|allow_write|allow_read|allow_group|allow_group_prefix)\\s+(.+)");
    private static final Pattern TENANT_LOOP = Pattern.compile("for tenant in \"\\$\\{tenants\\[@]}\"; do");
    private static final Pattern TENANT_VARIABLE = Pattern.compile("\\$\\{tenant}|\\$tenant\\b");
    /** init.sh's {@code [user]=${VARIABLE:-}}: the variable holding a service's password. */
    private static final Pattern SCRIPT_PASSWORD = Pattern.compile("\\[([a-z-]+)]=\\$\\{([A-Z0-9_]+)");
    /** Compose's {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?message}}. */
    private static final Pattern COMPOSE_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::?([-?])([^}]*))?}");

    private static Map<String, Map<String, Object>> base;
    private static Map<String, Map<String, Object>> override;
    private static final Set<String> scriptTopics = new TreeSet<>();
    private static final Set<String> scriptAcls = new TreeSet<>();
    private static final Map<String, String> scriptPasswordVariables = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        base = services(load("docker-compose.yml"));
        override = services(load(OVERRIDE));
        readInitScript();
    }

    @Test
    void theInitScriptCreatesExactlyTheTopicsOfKafkaAccess() {
        assertThat(scriptTopics)
                .as("%s's create_topic lines, for tenants %s, against KafkaAccess.topics", INIT_SCRIPT, TENANTS)
                .containsExactlyInAnyOrderElementsOf(new TreeSet<>(KafkaAccess.topics(TENANTS)));
    }

    @Test
    void theInitScriptGrantsExactlyTheAclsOfKafkaAccess() {
        List<AclBinding> bindings = KafkaAccess.all(TENANTS).stream()
                .flatMap(principal -> principal.bindings().stream()).toList();
        assertThat(bindings).as("KafkaAccess allows, from any host; the script can say nothing else")
                .allSatisfy(binding -> {
                    assertThat(binding.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
                    assertThat(binding.entry().host()).isEqualTo("*");
                });
        Set<String> expected = bindings.stream()
                .map(binding -> acl(binding.entry().principal(), binding.entry().operation().name(),
                        binding.pattern().resourceType().name(), binding.pattern().patternType().name(),
                        binding.pattern().name()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(scriptAcls)
                .as("%s's allow_* lines, for tenants %s, against KafkaAccess.all(...).bindings()", INIT_SCRIPT, TENANTS)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void eachServiceLogsInAsItsPrincipalWithThePasswordTheInitScriptSets() {
        Map<String, Object> init = environment(override, INIT_SERVICE);
        List<String> principals = KafkaAccess.services(List.of()).stream().map(KafkaAccess.Principal::user).toList();
        assertThat(scriptPasswordVariables.keySet()).as("%s's users with a password variable", INIT_SCRIPT)
                .containsExactlyInAnyOrderElementsOf(principals);
        base.forEach((service, definition) -> {
            if (environment(base, service).containsKey("SPRING_KAFKA_BOOTSTRAP_SERVERS")) {
                assertThat(principals).as("docker-compose.yml: %s uses Kafka, but KafkaAccess has no principal for it",
                        service).contains(service);
            }
        });
        for (String service : principals) {
            assertThat(base).as("docker-compose.yml has no service %s", service).containsKey(service);
            assertThat(override).as("%s does not give %s its Kafka login", OVERRIDE, service).containsKey(service);
            Map<String, Object> environment = environment(override, service);
            assertThat(environment).as("%s: %s's environment", OVERRIDE, service)
                    .containsEntry("COURSEGEN_KAFKA_SASL_USERNAME", service)
                    .containsEntry("SPRING_KAFKA_ADMIN_AUTO_CREATE", "false");
            String variable = scriptPasswordVariables.get(service);
            Object password = environment.get("COURSEGEN_KAFKA_SASL_PASSWORD");
            assertThat(requiredVariable(password))
                    .as("%s: %s's COURSEGEN_KAFKA_SASL_PASSWORD=%s must be ${%s:?...}, the variable %s sets its "
                            + "credential from, with no default", OVERRIDE, service, password, variable, INIT_SCRIPT)
                    .isEqualTo(variable);
            assertThat(requiredVariable(init.get(variable)))
                    .as("%s: %s must pass %s on to %s", OVERRIDE, INIT_SERVICE, variable, INIT_SCRIPT)
                    .isEqualTo(variable);
            assertThat(map(override.get(service).get("depends_on")).get(INIT_SERVICE))
                    .as("%s: %s must start after %s has completed", OVERRIDE, service, INIT_SERVICE)
                    .isEqualTo(Map.of("condition", "service_completed_successfully"));
        }
        assertThat(environment(override, "gateway-service"))
                .as("%s: the gateway takes a Kafka submission's tenant from its topic, not from a header", OVERRIDE)
                .containsEntry("COURSEGEN_GATEWAY_INTAKE_AUTHENTICATION", "principal");
        assertThat(requiredVariable(init.get("COURSEGEN_KAFKA_ADMIN_PASSWORD")))
                .as("%s: %s's super user password", OVERRIDE, INIT_SERVICE)
                .isEqualTo(requiredVariable(environment(override, "kafka").get("COURSEGEN_KAFKA_ADMIN_PASSWORD")))
                .isEqualTo("COURSEGEN_KAFKA_ADMIN_PASSWORD");
    }

    @Test
    void theInitServiceRunsTheComposeKafkaImageWithTheServicesPartitionCount() {
        Map<String, Object> init = override.get(INIT_SERVICE);
        assertThat(init.get("image")).as("%s: %s's image", OVERRIDE, INIT_SERVICE).isEqualTo(base.get("kafka").get("image"));
        assertThat(init.get("network_mode")).as("%s: %s must reach the loopback INTERNAL listener", OVERRIDE, INIT_SERVICE)
                .isEqualTo("service:kafka");
        Set<Object> partitions = new TreeSet<>();
        base.keySet().forEach(service -> {
            Object value = environment(base, service).get("COURSEGEN_KAFKA_PARTITIONS");
            if (value != null) {
                partitions.add(value.toString());
            }
        });
        assertThat(partitions).as("docker-compose.yml: the services' COURSEGEN_KAFKA_PARTITIONS").hasSize(1);
        assertThat(String.valueOf(environment(override, INIT_SERVICE).get("COURSEGEN_KAFKA_PARTITIONS")))
                .as("%s: %s creates the topics with the partition count the services expect", OVERRIDE, INIT_SERVICE)
                .isEqualTo(partitions.iterator().next());
    }

    @Test
    void theBrokerAuthenticatesEveryListenerAndAllowsOnlyWhatAnAclGrants() {
        Map<String, String> broker = brokerProperties();
        assertThat(broker).as("%s + docker-compose.yml: the kafka service's server.properties", OVERRIDE)
                .containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("allow.everyone.if.no.acl.found", "false")
                .containsEntry("super.users", ADMIN);
        Map<String, String> protocols = new LinkedHashMap<>();
        for (String entry : broker.get("listener.security.protocol.map").split(",")) {
            String[] nameProtocol = entry.trim().split(":");
            protocols.put(nameProtocol[0], nameProtocol[1]);
        }
        List<String> listeners = new ArrayList<>();
        for (String listener : broker.get("listeners").split(",")) {
            listeners.add(listener.substring(0, listener.indexOf("://")));
        }
        String clientAddress = String.valueOf(environment(base, "gateway-service").get("SPRING_KAFKA_BOOTSTRAP_SERVERS"));
        boolean servicesListenerFound = false;
        for (String listener : listeners) {
            assertThat(protocols.get(listener)).as("the %s listener's security protocol", listener).isEqualTo("SASL_PLAINTEXT");
            String prefix = "listener.name." + listener.toLowerCase(Locale.ROOT) + ".";
            String mechanisms = broker.get(prefix + "sasl.enabled.mechanisms");
            assertThat(mechanisms).as("%ssasl.enabled.mechanisms", prefix).isIn("SCRAM-SHA-512", "PLAIN");
            String jaas = broker.get(prefix + mechanisms.toLowerCase(Locale.ROOT) + ".sasl.jaas.config");
            assertThat(jaas).as("%s%s.sasl.jaas.config", prefix, mechanisms.toLowerCase(Locale.ROOT)).isNotNull();
            if (mechanisms.equals("PLAIN")) {
                // the super user alone, on the broker's own listeners
                assertThat(jaas).as("the %s listener's PLAIN users", listener)
                        .contains("username=\"coursegen-admin\"").containsOnlyOnce("user_").contains("user_coursegen-admin=");
                assertThat(listener).as("a PLAIN listener").isIn(broker.get("inter.broker.listener.name"),
                        broker.get("controller.listener.names"));
            }
            if (broker.get("advertised.listeners").contains(listener + "://" + clientAddress)) {
                servicesListenerFound = true;
                assertThat(mechanisms).as("the services' listener (%s)", clientAddress).isEqualTo("SCRAM-SHA-512");
            }
        }
        assertThat(servicesListenerFound).as("a listener advertised as %s, the services' bootstrap address", clientAddress)
                .isTrue();
        String internal = broker.get("inter.broker.listener.name");
        assertThat(broker.get("listeners")).as("the %s listener, the super user's, on the container's loopback only", internal)
                .contains(internal + "://127.0.0.1:9094");
    }

    @Test
    void theBrokerSettingsAreAConfigurationKafkaAccepts() {
        Properties properties = new Properties();
        brokerProperties().forEach((key, value) -> properties.setProperty(key, interpolated(value)));
        // KafkaConfig checks the listeners, their protocols, the inter-broker and controller listeners and mechanisms
        KafkaConfig config = KafkaConfig.fromProps(properties);
        assertThat(config.saslMechanismInterBrokerProtocol()).isEqualTo("PLAIN");
        assertThat(CollectionConverters.asJava(config.effectiveAdvertisedBrokerListeners())).as("advertised listeners").hasSize(3);
    }

    /**
     * The kafka service's settings (docker-compose.yml's, then the override's) as the apache/kafka image writes
     * them into server.properties: by the image's own code (KafkaDockerWrapper, in the kafka_2.13 jar of the same
     * Kafka release), which turns KAFKA_A_B__C___D into a.b_c-d. Values are as in the files (not interpolated).
     */
    private static Map<String, String> brokerProperties() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment(base, "kafka").forEach((name, value) -> environment.put(name, String.valueOf(value)));
        environment(override, "kafka").forEach((name, value) -> environment.put(name, String.valueOf(value)));
        scala.collection.immutable.Map<String, String> env =
                scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(environment));
        Map<String, String> properties = new TreeMap<>();
        for (String line : CollectionConverters.asJava(KafkaDockerWrapper$.MODULE$.getServerConfigsFromEnv(env))) {
            int equals = line.indexOf('=');
            properties.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return properties;
    }

    /** Compose's interpolation, with a password-like value for every variable that has no default. */
    private static String interpolated(String value) {
        return COMPOSE_VARIABLE.matcher(value).replaceAll(variable -> Matcher.quoteReplacement(
                "-".equals(variable.group(2)) ? variable.group(3) : "0123456789abcdef" + variable.group(1).length()));
    }

    /**
     * The script's create_topic and allow_* calls, continued lines joined, quotes dropped; a call naming
     * {@code $tenant} is taken once per tenant of {@link #TENANTS} and must be in the loop over the tenants.
     */
    private static void readInitScript() throws IOException {
        String text = Files.readString(ROOT.resolve(INIT_SCRIPT)).replace("\\\n", " ");
        boolean inTenantLoop = false;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#")) {
                continue;
            }
            Matcher password = SCRIPT_PASSWORD.matcher(line);
            if (password.lookingAt()) {
                scriptPasswordVariables.put(password.group(1), password.group(2));
            }
            if (TENANT_LOOP.matcher(line).matches()) {
                inTenantLoop = true;
                continue;
            }
            if (line.equals("done")) {
                inTenantLoop = false;
                continue;
            }
            Matcher call = SCRIPT_CALL.matcher(line);
            if (!call.matches()) {
                continue;
            }
            boolean perTenant = TENANT_VARIABLE.matcher(line).find();
            assertThat(perTenant).as("%s: a call inside the loop over the tenants names $tenant, and only there: %s",
                    INIT_SCRIPT, line).isEqualTo(inTenantLoop);
            for (String tenant : perTenant ? TENANTS : List.of("")) {
                List<String> words = new ArrayList<>();
                for (String word : call.group(2).trim().split("\\s+")) {
                    words.add(TENANT_VARIABLE.matcher(word.replace("\"", "")).replaceAll(tenant));
                }
                record(call.group(1), words);
            }
        }
        assertThat(scriptTopics).as("%s's create_topic calls", INIT_SCRIPT).isNotEmpty();
        assertThat(scriptAcls).as("%s's allow_* calls", INIT_SCRIPT).isNotEmpty();
    }

    private static void record(String function, List<String> words) {
        if (function.equals("create_topic")) {
            scriptTopics.addAll(words);
            return;
        }
        String principal = "User:" + words.get(0);
        String[] kind = switch (function) {
            case "allow_write" -> new String[] {"WRITE", "TOPIC", "LITERAL"};
            case "allow_read" -> new String[] {"READ", "TOPIC", "LITERAL"};
            case "allow_group" -> new String[] {"READ", "GROUP", "LITERAL"};
            default -> new String[] {"READ", "GROUP", "PREFIXED"};
        };
        assertThat(words).as("%s: %s names no resource", INIT_SCRIPT, String.join(" ", words)).hasSizeGreaterThan(1);
        for (String name : words.subList(1, words.size())) {
            assertThat(scriptAcls.add(acl(principal, kind[0], kind[1], kind[2], name)))
                    .as("%s grants %s %s on %s twice", INIT_SCRIPT, principal, kind[0], name).isTrue();
        }
    }

    private static String acl(String principal, String operation, String type, String pattern, String name) {
        return principal + " " + operation + " " + type + " " + pattern + " " + name;
    }

    /** The variable of a {@code ${NAME:?message}} value, or null for anything else (a literal, a default). */
    private static String requiredVariable(Object composeValue) {
        Matcher variable = COMPOSE_VARIABLE.matcher(String.valueOf(composeValue));
        return variable.matches() && "?".equals(variable.group(2)) ? variable.group(1) : null;
    }

    private static Map<String, Object> environment(Map<String, Map<String, Object>> file, String service) {
        Map<String, Object> definition = file.get(service);
        assertThat(definition).as("no service %s", service).isNotNull();
        Object environment = definition.get("environment");
        return environment == null ? Map.of() : map(environment);
    }
}
