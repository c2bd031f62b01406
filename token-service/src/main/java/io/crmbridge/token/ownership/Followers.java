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

    /** How to start a follower (it reads on a thread of its own) and how to stop it. */
    public record Follower(String name, Runnable start, Runnable stop) {
    }
}
