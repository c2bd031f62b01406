package io.crmbridge.schemas.topics;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idempotent topic-creation step every service runs at start-up: creates the topics it owns that are missing
 * (existing topics are left as they are), then waits until every partition has a leader.
 */
public final class TopicCreation {

    private static final Logger log = LoggerFactory.getLogger(TopicCreation.class);

    private TopicCreation() {
    }

    /** Creates what is missing and waits for leaders; fails with a clear message when {@code timeout} passes. */
    public static void ensure(Map<String, Object> adminConfig, Collection<TopicSpec> topics, Duration timeout) {
        try (Admin admin = Admin.create(adminConfig)) {
            ensure(admin, topics, timeout);
        }
    }

    public static void ensure(Admin admin, Collection<TopicSpec> topics, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Set<String> missing = missing(admin, topics, deadline);
        List<TopicSpec> toCreate = topics.stream().filter(t -> missing.contains(t.name())).toList();
        toCreate.forEach(t -> create(admin, t, deadline));
        awaitLeaders(admin, topics.stream().map(TopicSpec::name).collect(Collectors.toSet()), deadline);
    }

    private static Set<String> missing(Admin admin, Collection<TopicSpec> topics, Instant deadline) {
        Set<String> existing = await(admin.listTopics().names(), deadline, "list topics");
        return topics.stream().map(TopicSpec::name).filter(n -> !existing.contains(n)).collect(Collectors.toSet());
    }

    private static void create(Admin admin, TopicSpec topic, Instant deadline) {
        try {
            await(admin.createTopics(List.of(topic.toNewTopic())).all(), deadline, "create " + topic.name());
            log.info("created topic {} ({} partitions, {})", topic.name(), topic.partitions(), topic.configs());
        } catch (KafkaException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            // Another instance created it between our list and our create: that is the idempotent outcome.
        }
    }

    // Producing within milliseconds of creating a topic can fail with NOT_LEADER_OR_FOLLOWER (BUILD-NOTES.md).
    private static void awaitLeaders(Admin admin, Set<String> names, Instant deadline) {
        while (true) {
            try {
                Map<String, TopicDescription> described = await(admin.describeTopics(names).allTopicNames(),
                        deadline, "describe topics");
                if (described.values().stream().allMatch(TopicCreation::everyPartitionLed)) {
                    return;
                }
            } catch (KafkaException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new KafkaException("topics " + names + " have partitions without a leader after the timeout");
            }
            pause();
        }
    }

    private static boolean everyPartitionLed(TopicDescription description) {
        return description.partitions().stream().map(TopicPartitionInfo::leader).allMatch(l -> l != null && !l.isEmpty());
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while waiting for topic leaders", e);
        }
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, Instant deadline, String what) {
        long millis = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
        try {
            return future.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted: " + what, e);
        } catch (ExecutionException e) {
            throw new KafkaException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("timed out: " + what + " (is the Kafka cluster reachable?)", e);
        }
    }
}
