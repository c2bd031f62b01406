package io.crmbridge.action.pipeline;

import io.crmbridge.action.command.Command;
import io.crmbridge.crm.connection.ConnectionId;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One consumed record, the command in it (null when unreadable), the connection it counts for in the waiting
 * topic (null when unknown) and its fate so far.
 */
final class Item {

    private final ConsumerRecord<String, byte[]> record;
    private final Command command;
    private final ConnectionId connection;
    private final boolean fromWaiting;
    private Fate fate;

    private Item(ConsumerRecord<String, byte[]> record, Command command, ConnectionId connection,
                 boolean fromWaiting, Fate fate) {
        this.record = record;
        this.command = command;
        this.connection = connection;
        this.fromWaiting = fromWaiting;
        this.fate = fate;
    }

    /** A command read from the commands topic; it counts for its own connection. */
    static Item fresh(ConsumerRecord<String, byte[]> record, Command command, Fate fate) {
        return new Item(record, command, command.connection(), false, fate);
    }

    /** Bytes from the commands topic that are not a command: they go to the dead-letter topic. */
    static Item unreadable(ConsumerRecord<String, byte[]> record, Exception cause) {
        return new Item(record, null, null, false, new Fate.DeadLettered(cause));
    }

    /** A parked command replayed from the waiting topic, counted for the connection its header names. */
    static Item replayed(ConsumerRecord<String, byte[]> record, ConnectionId counted, Command command, Fate fate) {
        return new Item(record, command, counted, true, fate);
    }

    /** Bytes from the waiting topic that are not a command, counted for the connection its header names. */
    static Item unreadableReplay(ConsumerRecord<String, byte[]> record, ConnectionId counted, Exception cause) {
        return new Item(record, null, counted, true, new Fate.DeadLettered(cause));
    }

    ConsumerRecord<String, byte[]> record() {
        return record;
    }

    Command command() {
        return command;
    }

    ConnectionId connection() {
        return connection;
    }

    boolean fromWaiting() {
        return fromWaiting;
    }

    Fate fate() {
        return fate;
    }

    void fate(Fate fate) {
        this.fate = fate;
    }
}
