package io.crmbridge.crm.webapi;

import java.util.function.Function;

import io.crmbridge.crm.failure.DataverseError;
import io.crmbridge.crm.failure.FailureKind;

/**
 * How a Web API call ended, after the retries {@link io.crmbridge.crm.failure.FailureClassification} allowed:
 * a value, or the last error with what kind of failure it is. Expected failures (404, 412, 429 after retries, an
 * expired delta token...) are {@link Failure}s, never exceptions.
 */
public sealed interface Outcome<T> permits Outcome.Success, Outcome.Failure {

    /** The call succeeded with {@code value}. */
    record Success<T>(T value) implements Outcome<T> {
    }

    /**
     * The call failed.
     *
     * @param error    the last error Dataverse answered (status 0: no response)
     * @param kind     what the failure means for the caller
     * @param attempts how many times the request was sent
     */
    record Failure<T>(DataverseError error, FailureKind kind, int attempts) implements Outcome<T> {

        /** The same failure as an outcome of another value type. */
        @SuppressWarnings("unchecked")
        public <U> Failure<U> cast() {
            return (Failure<U>) this;
        }
    }

    default boolean succeeded() {
        return this instanceof Success;
    }

    /** The value, or an {@link IllegalStateException} naming the failure (for tests and tools). */
    default T orElseThrow() {
        if (this instanceof Success<T> success) {
            return success.value();
        }
        Failure<T> failure = (Failure<T>) this;
        throw new IllegalStateException("Web API call failed (" + failure.kind() + ", " + failure.error().label()
                + " after " + failure.attempts() + " attempts): " + failure.error().message());
    }

    default <U> Outcome<U> map(Function<? super T, ? extends U> mapper) {
        if (this instanceof Success<T> success) {
            return new Success<>(mapper.apply(success.value()));
        }
        return ((Failure<T>) this).cast();
    }
}
