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

    Item(ConsumerRecord<String, byte[]> record, Command command, ConnectionId connection, boolean fromWaiting,
         Fate fate) {
        this.record = record;
        this.command = command;
        this.connection = connection;
        this.fromWaiting = fromWaiting;
        this.fate = fate;
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
