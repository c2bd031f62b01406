package io.crmbridge.token.ownership;

import java.util.List;

/**
 * The topic followers {@link KafkaClients} runs between reading the definitions and joining the ownership group,
 * in the order they start (and stop).
 */
public record Followers(List<Follower> inOrder) {

    public Followers {
        inOrder = List.copyOf(inOrder);
    }

    /** A follower's thread body and how to stop it; its thread is named {@code kafka-<name>}. */
    public record Follower(String name, Runnable body, Runnable stop) {
    }
}
