package io.crmbridge.action.command;

/** What validating a command decided. */
public sealed interface Validation permits Validation.Valid, Validation.Invalid, Validation.Undecided {

    record Valid(Write write) implements Validation {
    }

    /** The command cannot be executed as it is; {@code problem} names what is wrong, for the producer. */
    record Invalid(String problem) implements Validation {
    }

    /**
     * The table metadata could not be read, so the command could not be checked; it is not at fault.
     *
     * @param tokenProblem the connection has no usable token: the command should wait for one
     */
    record Undecided(String reason, boolean tokenProblem) implements Validation {
    }
}
