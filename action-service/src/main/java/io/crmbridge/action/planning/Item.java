package io.crmbridge.action.planning;

import io.crmbridge.action.command.Command;
import io.crmbridge.crm.connection.ConnectionId;

/**
 * One consumed record, the command in it (null when unreadable), the connection it counts for in the waiting
 * topic (null when unknown) and its fate so far.
 */
public final class Item {

    private final Consumed consumed;
    private final Command command;
    private final ConnectionId connection;
    private final boolean fromWaiting;
    private Fate fate;

    private Item(Consumed consumed, Command command, ConnectionId connection, boolean fromWaiting, Fate fate) {
        this.consumed = consumed;
        this.command = command;
        this.connection = connection;
        this.fromWaiting = fromWaiting;
        this.fate = fate;
    }

    /** A command read from the commands topic; it counts for its own connection. */
    static Item fresh(Consumed consumed, Command command, Fate fate) {
        return new Item(consumed, command, command.connection(), false, fate);
    }

    /** Bytes from the commands topic that are not a command: they go to the dead-letter topic. */
    static Item unreadable(Consumed consumed, Exception cause) {
        return new Item(consumed, null, null, false, new Fate.DeadLettered(cause));
    }

    /** A parked command replayed from the waiting topic, counted for the connection its header names. */
    static Item replayed(Consumed consumed, Command command, Fate fate) {
        return new Item(consumed, command, consumed.countedFor(), true, fate);
    }

    /** Bytes from the waiting topic that are not a command, counted for the connection its header names. */
    static Item unreadableReplay(Consumed consumed, Exception cause) {
        return new Item(consumed, null, consumed.countedFor(), true, new Fate.DeadLettered(cause));
    }

    public Consumed consumed() {
        return consumed;
    }

    public Command command() {
        return command;
    }

    public ConnectionId connection() {
        return connection;
    }

    public boolean fromWaiting() {
        return fromWaiting;
    }

    public Fate fate() {
        return fate;
    }

    void fate(Fate fate) {
        this.fate = fate;
    }
}
