package io.crmbridge.schemas.topics;

import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.NewTopic;

/**
 * A topic as code: its name, what its key is, and the configuration it is created with.
 *
 * @param name    full topic name, prefix included
 * @param key     what the record key holds, e.g. {@code connectionId:recordId}
 * @param configs topic-level configs (cleanup.policy, retention.ms, ...)
 */
public record TopicSpec(String name, String key, int partitions, Optional<Short> replicationFactor,
                        Map<String, String> configs) {

    public TopicSpec {
        configs = Map.copyOf(configs);
    }

    public boolean compacted() {
        return "compact".equals(configs.get("cleanup.policy"));
    }

    NewTopic toNewTopic() {
        return new NewTopic(name, Optional.of(partitions), replicationFactor).configs(configs);
    }
}
