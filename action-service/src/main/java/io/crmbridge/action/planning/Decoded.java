package io.crmbridge.action.planning;

import io.crmbridge.action.command.Command;

/** What the bytes of a command record held. */
public sealed interface Decoded permits Decoded.Readable, Decoded.Unreadable {

    record Readable(Command command) implements Decoded {
    }

    /** Not a command this service can read (not Avro, unknown schema, corrupt); goes to the dead-letter topic. */
    record Unreadable(Exception cause) implements Decoded {
    }
}
