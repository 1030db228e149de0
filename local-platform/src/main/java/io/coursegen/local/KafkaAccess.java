package io.coursegen.local;

import io.coursegen.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may do what on the platform's Kafka when it runs with security on: one principal per service and one per
 * tenant, each allowed exactly its job and nothing else (the broker denies whatever no ACL allows). The table is
 * read off the code: every {@code @KafkaListener} (its topic and consumer group), every {@code send}, the
 * dead-letter topics the shared error handler writes for each consumed topic, and the output topics the generating
 * services read back on start ({@code PublishedParts}). A listener or topic added without a line here fails in the
 * secured run, loudly: that is the point. The WRITEs on the internal topics are also course-contracts'
 * {@code TopicOwners}, which the services' consumers enforce where Kafka has no ACLs;
 * {@code TopicOwnersAgreeWithKafkaAccessTest} keeps the two the same.
 *
 * <p>Topics are created by the platform (as the super user) before any service starts, and the services are told
 * not to create any ({@code spring.kafka.admin.auto-create=false}): no service principal holds CREATE.
 */
public final class KafkaAccess {

    private static final Logger log = LoggerFactory.getLogger(KafkaAccess.class);

    /** storage-service's status feed ({@code io.coursegen.storage.statusfeed}) reads course.status in this group. */
    static final String STORAGE_STATUS_FEED_GROUP = "storage-service-tenant-status";

    /**
     * @param user          the SCRAM user name; the principal is {@code User:<user>}
     * @param writes        topics it produces to
     * @param reads         topics it consumes
     * @param groups        consumer groups it may use, by exact name
     * @param groupPrefixes consumer groups it may use, by prefix (groups named per instance or per start)
     */
    public record Principal(String user, Set<String> writes, Set<String> reads, Set<String> groups,
                            Set<String> groupPrefixes) {

        public Principal {
            writes = Set.copyOf(writes);
            reads = Set.copyOf(reads);
            groups = Set.copyOf(groups);
            groupPrefixes = Set.copyOf(groupPrefixes);
        }

        public String principal() {
            return "User:" + user;
        }

        /** The ACLs that allow this principal its job; anything else it tries is denied. */
        public List<AclBinding> bindings() {
            List<AclBinding> bindings = new ArrayList<>();
            writes.forEach(topic -> bindings.add(allow(ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE)));
            reads.forEach(topic -> bindings.add(allow(ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ)));
            groups.forEach(group -> bindings.add(allow(ResourceType.GROUP, group, PatternType.LITERAL, AclOperation.READ)));
            groupPrefixes.forEach(prefix -> bindings.add(allow(ResourceType.GROUP, prefix, PatternType.PREFIXED, AclOperation.READ)));
            return bindings;
        }

        private AclBinding allow(ResourceType type, String name, PatternType pattern, AclOperation operation) {
            return new AclBinding(new ResourcePattern(type, name, pattern),
                    new AccessControlEntry(principal(), "*", operation, AclPermissionType.ALLOW));
        }
    }

    /** The principal of a tenant that submits by Kafka: {@code tenant-<tenantId>}. */
    public static String tenantUser(String tenantId) {
        return "tenant-" + tenantId;
    }

    /**
     * Consumer groups a tenant may use start with this: {@code tenant-<tenantId>/}. The slash cannot occur in a
     * tenant id, so no tenant's prefix covers another's groups ({@code tenant-acme} would cover {@code tenant-acme2}).
     */
    public static String tenantGroupPrefix(String tenantId) {
        return tenantUser(tenantId) + "/";
    }

    /**
     * The five services, given the tenants, each of which submits on {@code course.requests.<tenantId>} and reads its
     * statuses on {@code course.status.<tenantId>}.
     */
    public static List<Principal> services(Collection<String> tenants) {
        Set<String> tenantIntake = new LinkedHashSet<>();
        Set<String> tenantIntakeDeadLetters = new LinkedHashSet<>();
        Set<String> tenantStatus = new LinkedHashSet<>();
        for (String tenant : tenants) {
            tenantIntake.add(Topics.courseRequestsOf(tenant));
            tenantIntakeDeadLetters.add(dlt(Topics.courseRequestsOf(tenant)));
            tenantStatus.add(Topics.courseStatusOf(tenant));
        }
        return List.of(
                // REST and Kafka intake, SSE progress; rejections on course.status
                new Principal("gateway-service",
                        union(Set.of(Topics.COURSE_STATUS, dlt(Topics.COURSE_STATUS)), tenantIntakeDeadLetters),
                        union(Set.of(Topics.COURSE_STATUS), tenantIntake),
                        // its listeners' groups: tenant intake (the listener id) and progress (one per instance start)
                        Set.of("gateway-tenant-course-requests"), Set.of("gateway-progress-")),
                // the course document: admits, assembles, cancels, regenerates (its part requests), reports status;
                // copies each tenant's statuses to the tenant's own topic (its status feed, a group of its own)
                new Principal("storage-service",
                        union(Set.of(Topics.COURSE_STATUS, Topics.COURSE_ADMITTED, Topics.COURSE_CANCELLED,
                                Topics.LESSON_REQUESTED, Topics.IMAGE_REQUESTED,
                                dlt(Topics.COURSE_OUTLINED), dlt(Topics.LESSON_GENERATED), dlt(Topics.IMAGE_GENERATED),
                                dlt(Topics.COURSE_PART_FAILED), dlt(Topics.COURSE_STATUS)), tenantStatus),
                        Set.of(Topics.COURSE_OUTLINED, Topics.LESSON_GENERATED, Topics.IMAGE_GENERATED,
                                Topics.COURSE_PART_FAILED, Topics.COURSE_STATUS),
                        Set.of("storage-service", "storage-service-webhooks", STORAGE_STATUS_FEED_GROUP), Set.of()),
                generating("outline-service", Topics.COURSE_ADMITTED, Topics.COURSE_OUTLINED,
                        Topics.LESSON_REQUESTED, Topics.IMAGE_REQUESTED),
                generating("content-service", Topics.LESSON_REQUESTED, Topics.LESSON_GENERATED),
                generating("image-service", Topics.IMAGE_REQUESTED, Topics.IMAGE_GENERATED));
    }

    /**
     * A service that calls a model: reads its work topic (its own group) and course.cancelled (a group per start,
     * {@code <service>.cancellations.<uuid>}), writes its result topic (which it also reads back on start), any
     * further requests, failed parts and the dead-letter topics of what it reads.
     */
    private static Principal generating(String service, String work, String result, String... alsoWrites) {
        Set<String> writes = new LinkedHashSet<>(List.of(result, Topics.COURSE_PART_FAILED, dlt(work),
                dlt(Topics.COURSE_CANCELLED)));
        writes.addAll(List.of(alsoWrites));
        return new Principal(service, writes, Set.of(work, Topics.COURSE_CANCELLED, result), Set.of(service),
                Set.of(service + ".cancellations."));
    }

    /**
     * A tenant: submits on its own intake topic and reads its own status topic (in groups under its prefix), nothing
     * else; in particular not {@code course.status}, which carries every tenant's courses.
     */
    public static Principal tenant(String tenantId) {
        return new Principal(tenantUser(tenantId), Set.of(Topics.courseRequestsOf(tenantId)),
                Set.of(Topics.courseStatusOf(tenantId)), Set.of(), Set.of(tenantGroupPrefix(tenantId)));
    }

    /** Every principal of a platform with these tenants. */
    public static List<Principal> all(Collection<String> tenants) {
        return Stream.concat(services(tenants).stream(), tenants.stream().map(KafkaAccess::tenant)).toList();
    }

    /**
     * Every topic the platform uses, dead-letter topics and the tenants' own topics included. A tenant's status topic
     * has no dead-letter topic: no Coursegen service consumes it.
     */
    public static List<String> topics(Collection<String> tenants) {
        Stream<String> shared = Topics.ALL.stream();
        Stream<String> intake = tenants.stream().map(Topics::courseRequestsOf);
        Stream<String> consumed = Stream.concat(shared, intake).flatMap(topic -> Stream.of(topic, dlt(topic)));
        return Stream.concat(consumed, tenants.stream().map(Topics::courseStatusOf)).toList();
    }

    /**
     * Creates the topics (each with its dead-letter topic, same partition count), sets each principal's SCRAM
     * password (again on every start: the passwords may have been changed) and adds its ACLs, then waits until the
     * broker lets the principals in: a service started a moment too early would fail to authenticate, which a Kafka
     * client does not retry.
     */
    public static void provision(Admin admin, Collection<String> tenants, int partitions,
            UnaryOperator<String> passwords, Duration timeout) {
        List<Principal> principals = all(tenants);
        List<NewTopic> topics = topics(tenants).stream()
                .map(name -> new NewTopic(name, partitions, (short) 1)).toList();
        admin.createTopics(topics).values().forEach((topic, created) -> {
            try {
                created.get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Could not create topic " + topic, e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while creating topics", e);
            }
        });
        get(admin.alterUserScramCredentials(principals.stream()
                .map(principal -> (org.apache.kafka.clients.admin.UserScramCredentialAlteration)
                        new UserScramCredentialUpsertion(principal.user(),
                                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                                passwords.apply(principal.user())))
                .toList()).all(), "set the Kafka principals' passwords");
        List<AclBinding> bindings = principals.stream().flatMap(principal -> principal.bindings().stream()).toList();
        get(admin.createAcls(bindings).all(), "create the Kafka ACLs");
        awaitBroker(admin, principals, bindings, timeout);
        log.info("Kafka security: {} principals, {} ACLs, {} topics", principals.size(), bindings.size(), topics.size());
    }

    /** Until the broker (not only the controller) knows every credential and ACL just made. */
    private static void awaitBroker(Admin admin, List<Principal> principals, List<AclBinding> bindings, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<String> users = principals.stream().map(Principal::user).toList();
        while (true) {
            List<String> known = get(admin.describeUserScramCredentials().users(), "read the credentials back");
            Collection<AclBinding> acls = get(admin.describeAcls(AclBindingFilter.ANY).values(), "read the ACLs back");
            if (known.containsAll(users) && acls.containsAll(bindings)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The Kafka broker did not take the platform's credentials and ACLs within "
                        + timeout);
            }
            Thread.onSpinWait();
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not " + what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: could not " + what, e);
        }
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> union = new LinkedHashSet<>(first);
        union.addAll(second);
        return union;
    }

    private static String dlt(String topic) {
        return topic + Topics.DEAD_LETTER_SUFFIX;
    }

    private KafkaAccess() {
    }
}
