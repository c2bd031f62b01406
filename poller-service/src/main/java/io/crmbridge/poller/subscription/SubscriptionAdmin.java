package io.crmbridge.poller.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Adding, changing and removing subscriptions at runtime (use case): a change is validated against the table's
 * metadata and written to the store, which answers once this instance's catalogue holds it, so a read that
 * follows sees it. Whoever owns the subscription applies it from the catalogue within seconds.
 */
public final class SubscriptionAdmin {

    private final SubscriptionCatalogue catalogue;
    private final SubscriptionValidation validation;
    private final SubscriptionStore store;
    private final CaptureTopics topics;
    private final Clock clock;

    public SubscriptionAdmin(SubscriptionCatalogue catalogue, SubscriptionValidation validation,
                             SubscriptionStore store, CaptureTopics topics, Clock clock) {
        this.catalogue = catalogue;
        this.validation = validation;
        this.store = store;
        this.topics = topics;
        this.clock = clock;
    }

    /** How a change ended. */
    public sealed interface Outcome permits Stored, Removed, Rejected, Undecided, NotFound, SnapshotAsked {
    }

    /** The snapshot {@code request} was stored; the owning instance runs it once. */
    public record SnapshotAsked(SubscriptionSpec spec, SnapshotRequest request, boolean repeated) implements Outcome {
    }

    public record Stored(SubscriptionSpec spec, boolean created) implements Outcome {
    }

    public record Removed(SubscriptionSpec was) implements Outcome {
    }

    /** Invalid: nothing was changed. */
    public record Rejected(List<String> problems) implements Outcome {
    }

    /** The table's metadata could not be read: nothing was changed; try again. */
    public record Undecided(String reason) implements Outcome {
    }

    public record NotFound(SubscriptionKey key) implements Outcome {
    }

    /**
     * Stores {@code requested} (its generation, time and author are replaced); {@code reset} starts it over from
     * its start position instead of resuming from its checkpoint.
     */
    public Outcome put(SubscriptionSpec requested, boolean reset, String author) {
        SubscriptionValidation.Verdict verdict = validation.validate(requested);
        if (verdict instanceof SubscriptionValidation.Invalid invalid) {
            return new Rejected(invalid.problems());
        }
        if (verdict instanceof SubscriptionValidation.Undecided undecided) {
            return new Undecided(undecided.reason());
        }
        SubscriptionSpec current = catalogue.spec(requested.key()).orElse(null);
        // The contract keeps milliseconds: what is answered is what is stored.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        SubscriptionSpec written = ((SubscriptionValidation.Valid) verdict).spec().writtenBy(author, now, current,
                reset);
        topics.prepare(written.key(), written.format()); // before an owner can poll it
        store.write(written);
        return new Stored(written, current == null);
    }

    /**
     * Asks for a snapshot of {@code key} under the request id {@code id} (a fresh one when null); asking again with
     * the id last asked for changes nothing.
     */
    public Outcome snapshot(SubscriptionKey key, String id, String author) {
        Optional<SubscriptionSpec> current = catalogue.spec(key);
        if (current.isEmpty()) {
            return new NotFound(key);
        }
        SnapshotRequest previous = current.get().snapshot();
        if (id != null && previous != null && previous.id().equals(id)) {
            return new SnapshotAsked(current.get(), previous, true);
        }
        SnapshotRequest request = new SnapshotRequest(id != null ? id : UUID.randomUUID().toString(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), author);
        SubscriptionSpec written = current.get().withSnapshot(request);
        store.write(written);
        return new SnapshotAsked(written, request, false);
    }

    /** Stops capturing the table; its checkpoint is kept, so adding it again resumes where it stopped. */
    public Outcome remove(SubscriptionKey key) {
        return remove(key, null);
    }

    /** As {@link #remove(SubscriptionKey)}, the tombstone saying who removed it (null: the admin API). */
    Outcome remove(SubscriptionKey key, String removedBy) {
        Optional<SubscriptionSpec> current = catalogue.spec(key);
        if (current.isEmpty()) {
            return new NotFound(key);
        }
        store.remove(key, removedBy);
        return new Removed(current.get());
    }
}
