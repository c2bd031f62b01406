package io.crmbridge.action.planning;

import io.crmbridge.action.parking.WaitingRange;
import io.crmbridge.action.execution.Job;

/** What becomes of one consumed record in a transaction. */
public sealed interface Fate permits Fate.Executing, Fate.Answered, Fate.Parked, Fate.DeadLettered, Fate.Waiting,
        Fate.Stopped {

    /** Sent to Dataverse; the outcome decides the rest. */
    record Executing(Job job) implements Fate {
    }

    /** Its result is produced. */
    record Answered(Result result) implements Fate {
    }

    /** Its connection cannot write now: it moves to the waiting topic. */
    record Parked(String reason) implements Fate {
    }

    /** Unreadable: it goes to the dead-letter topic with the reason in headers. */
    record DeadLettered(Exception cause) implements Fate {
    }

    /**
     * A parked command whose connection still cannot write: it stays where it is, and so do its connection's later
     * ones in the partition; the others go on past it (see {@link WaitingRange}).
     */
    record Waiting(String reason) implements Fate {
    }

    /**
     * Like {@link Waiting}, when the partition already tracks as many waiting connections as its offset metadata
     * can name: the partition stops here (seeks back and pauses) until this record's connection can go on.
     */
    record Stopped(String reason) implements Fate {
    }
}
