package io.crmbridge.action.planning;

/** A partition of the commands or the waiting topic. */
public record Partition(String topic, int number) {

    @Override
    public String toString() {
        return topic + "-" + number;
    }
}
