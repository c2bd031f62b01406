package io.crmbridge.poller.capture;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.poller.subscription.ChangeFormat;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.schemas.topics.TopicSpec;
import io.crmbridge.schemas.topics.Topics;

/**
 * The change topic of each subscription. GENERIC: one per table, {@code crmbridge.poller.change-topic-template} with
 * {@code {prefix}} (the topic prefix) and {@code {entity}} (the table's logical name) replaced,
 * {@code {prefix}.changes.{entity}} by default ({@code crm.changes.account}). TYPED: one per connection and table,
 * {@code crmbridge.poller.typed-topic-template} with {@code {connection}} replaced too,
 * {@code {prefix}.typed.{connection}.{entity}} by default ({@code crm.typed.contoso.account}): a topic's schema
 * subject then belongs to one org's table, so two orgs whose {@code account} tables differ never share one. Both
 * are created with the configuration of {@link Topics#changes}.
 */
final class ChangeTopics {

    private final Topics topics;
    private final String template;
    private final String typedTemplate;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    ChangeTopics(Topics topics, String template, String typedTemplate) {
        if (!template.contains("{entity}")) {
            throw new IllegalArgumentException("the change topic template must contain {entity}: " + template);
        }
        if (!typedTemplate.contains("{entity}") || !typedTemplate.contains("{connection}")) {
            throw new IllegalArgumentException("the typed topic template must contain {connection} and {entity}: "
                    + typedTemplate);
        }
        this.topics = topics;
        this.template = template;
        this.typedTemplate = typedTemplate;
    }

    /** The GENERIC change topic of {@code entity}. */
    String of(String entity) {
        return names.computeIfAbsent(entity, e -> template.replace("{prefix}", topics.settings().prefix())
                .replace("{entity}", e));
    }

    /** The topic a subscription in {@code format} publishes to. */
    String of(SubscriptionKey key, ChangeFormat format) {
        if (format == ChangeFormat.GENERIC) {
            return of(key.entity());
        }
        return names.computeIfAbsent(key.toString(), k -> typedTemplate
                .replace("{prefix}", topics.settings().prefix())
                .replace("{connection}", key.connection().value()).replace("{entity}", key.entity()));
    }

    TopicSpec spec(String entity) {
        return spec(of(entity), entity);
    }

    TopicSpec spec(SubscriptionKey key, ChangeFormat format) {
        return spec(of(key, format), key.entity());
    }

    private TopicSpec spec(String name, String entity) {
        TopicSpec standard = topics.changes(entity);
        return new TopicSpec(name, standard.key(), standard.partitions(), standard.replicationFactor(),
                standard.configs());
    }
}
