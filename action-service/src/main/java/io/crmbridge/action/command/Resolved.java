package io.crmbridge.action.command;

/** A reference resolved against the metadata, or the validation outcome that stopped it. */
sealed interface Resolved<T> permits Resolved.Ok, Resolved.Failed {

    record Ok<T>(T value) implements Resolved<T> {
    }

    record Failed<T>(Validation outcome) implements Resolved<T> {
    }

    static <T> Resolved<T> invalid(String problem) {
        return new Failed<>(new Validation.Invalid(problem));
    }
}
