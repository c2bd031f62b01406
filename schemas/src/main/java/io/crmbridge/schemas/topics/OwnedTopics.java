package io.crmbridge.schemas.topics;

import java.util.List;

/** The topics a service owns: declared as a bean, created at start-up by {@link TopicsAutoConfiguration}. */
public record OwnedTopics(List<TopicSpec> topics) {

    public OwnedTopics {
        topics = List.copyOf(topics);
    }
}
