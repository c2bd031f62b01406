package io.crmbridge.poller.capture;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.schemas.topics.TopicSpec;
import io.crmbridge.schemas.topics.Topics;

/**
 * The change topic of each table: {@code crmbridge.poller.change-topic-template} with {@code {prefix}} (the
 * topic prefix) and {@code {entity}} (the table's logical name) replaced; {@code {prefix}.changes.{entity}} by
 * default, i.e. {@code crm.changes.account}. Created with the configuration of {@link Topics#changes}.
 */
final class ChangeTopics {

    private final Topics topics;
    private final String template;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    ChangeTopics(Topics topics, String template) {
        if (!template.contains("{entity}")) {
            throw new IllegalArgumentException("the change topic template must contain {entity}: " + template);
        }
        this.topics = topics;
        this.template = template;
    }

    String of(String entity) {
        return names.computeIfAbsent(entity, e -> template.replace("{prefix}", topics.settings().prefix())
                .replace("{entity}", e));
    }

    TopicSpec spec(String entity) {
        TopicSpec standard = topics.changes(entity);
        return new TopicSpec(of(entity), standard.key(), standard.partitions(), standard.replicationFactor(),
                standard.configs());
    }
}
