package io.crmbridge.poller.capture;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

import io.crmbridge.poller.subscription.ChangeFormat;
import io.crmbridge.poller.subscription.StartPosition;
import io.crmbridge.poller.subscription.Subscription;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.Change;
import io.crmbridge.poller.tracking.ChangeKind;
import io.crmbridge.poller.tracking.ChangeFeed;
import io.crmbridge.poller.tracking.Checkpoint;
import io.crmbridge.poller.tracking.ColumnsChange;
import io.crmbridge.poller.tracking.FeedFailure;
import io.crmbridge.poller.tracking.FeedRequest;
import io.crmbridge.poller.tracking.FeedResult;
import io.crmbridge.poller.tracking.FeedRow;
import io.crmbridge.poller.tracking.FeedTable;
import io.crmbridge.poller.tracking.SnapshotProgress;
import io.crmbridge.poller.tracking.Step;
import io.crmbridge.poller.tracking.Tracking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The use case: read one page of a subscription from Dataverse and write its changes together with the
 * checkpoint that follows them, in one transaction of the shard's {@link ChangeLog}. The checkpoint is never
 * written before or without the changes it covers, so a crash at any point loses nothing and, because the
 * transaction either commits whole or not at all, publishes nothing twice.
 */
final class CapturingChanges {

    private static final Logger log = LoggerFactory.getLogger(CapturingChanges.class);

    private final ChangeFeed feed;
    private final Clock clock;
    private final CaptureMetrics metrics;
    private final Duration quietCommitInterval;
    /** TYPED: per subscription, the column names rows carried that the metadata, read again, did not name. */
    private final Map<SubscriptionKey, Set<String>> checkedColumns = new ConcurrentHashMap<>();

    /**
     * @param quietCommitInterval how long a quiet subscription (polls find nothing) keeps its committed checkpoint
     *                            before committing a fresh delta link, so idle tables do not cost a transaction
     *                            per poll yet their delta links never age past the retention
     */
    public CapturingChanges(ChangeFeed feed, Clock clock, CaptureMetrics metrics, Duration quietCommitInterval) {
        this.feed = feed;
        this.clock = clock;
        this.metrics = metrics;
        this.quietCommitInterval = quietCommitInterval;
    }

    /** See {@link ChangeFeed#refreshColumns}. */
    Optional<ColumnsChange> refreshColumns(Subscription subscription) {
        return feed.refreshColumns(subscription);
    }

    /** {@code subscription} has been failing for longer than the threshold, or no longer is. */
    void failing(SubscriptionKey subscription, boolean failing) {
        metrics.failing(subscription, failing);
    }

    /** Polls {@code subscription} once from {@code at}. */
    public PollOutcome poll(Subscription subscription, Tracking tracking, Checkpoint at, ChangeLog changeLog) {
        FeedRequest request = tracking.next(at);
        Instant sentAt = clock.instant();
        FeedResult result = feed.read(subscription, request);
        Instant receivedAt = clock.instant();
        metrics.polled(subscription.key(), Duration.between(sentAt, receivedAt));
        if (result instanceof FeedResult.Failed failed) {
            return failed(subscription, at, failed, changeLog);
        }
        FeedResult.Page page = (FeedResult.Page) result;
        if (tracking.endsWithDeltaLink() && page.next().isEmpty() && page.delta().isEmpty()) {
            return new PollOutcome.Deferred(FeedFailure.PERMANENT, Duration.ZERO, "the last page of " + subscription.key()
                    + " has no @odata.deltaLink: is change tracking enabled for the table? (else use MODIFIED_ON)");
        }
        Step step = tracking.apply(at, request, page, sentAt, receivedAt);
        metrics.lag(subscription.key(), CaptureMetrics.lagOf(step.newest(), receivedAt));
        if (quiet(at, page, step, receivedAt)) {
            return new PollOutcome.Captured(at, 0, false, step.newest()); // nothing changed: keep the committed position
        }
        List<CapturedChange> changes = captured(subscription, step.changes(), receivedAt);
        Publishable publishable = publishable(subscription, changes, changeLog);
        if (publishable.notNow() != null) {
            return new PollOutcome.NotCommitted(publishable.notNow());
        }
        changes = publishable.changes();
        // A snapshot on demand goes on beside the subscription's own read, whose steps know nothing of it.
        Checkpoint next = step.next().withSnapshot(at.snapshot()).writtenFor(subscription);
        CommitOutcome outcome = changeLog.append(subscription.key(), changes, step.indexed(), next,
                notices(subscription, tracking, at, step, receivedAt));
        if (outcome instanceof CommitOutcome.Committed) {
            tracking.committed(step);
        }
        return committed(subscription, changes, next, step, outcome, Duration.between(receivedAt, clock.instant()));
    }

    /**
     * Reads and publishes the next page of {@code at}'s snapshot on demand: every row as a SNAPSHOT event (of its
     * own id, so a consumer dropping repeated event ids keeps it), with the snapshot's progress and its capture
     * events, in one transaction. The record index is not changed: a row the snapshot publishes at a newer state
     * than the subscription's read has yet to see is published again by that read, after the SNAPSHOT, so each
     * record's events stay in the order of their states.
     */
    public PollOutcome snapshotPage(Subscription subscription, Checkpoint at, ChangeLog changeLog) {
        SnapshotProgress progress = at.snapshot();
        Instant sentAt = clock.instant();
        FeedResult result = feed.read(subscription, progress.request());
        Instant receivedAt = clock.instant();
        metrics.polled(subscription.key(), Duration.between(sentAt, receivedAt));
        if (result instanceof FeedResult.Failed failed) {
            metrics.failed(subscription.key(), failed.reason());
            return new PollOutcome.Deferred(failed.reason() == FeedFailure.SYNC_EXPIRED ? FeedFailure.PERMANENT
                    : failed.reason(), failed.retryAfter(), "snapshot " + progress.id() + ": " + failed.detail());
        }
        FeedResult.Page page = (FeedResult.Page) result;
        List<CapturedChange> changes = new ArrayList<>(page.rows().size());
        for (FeedRow row : page.rows()) {
            if (row instanceof FeedRow.Upserted upserted) {
                changes.add(CapturedChange.snapshot(subscription, upserted, progress.id(), receivedAt));
            }
        }
        Publishable publishable = publishable(subscription, changes, changeLog);
        if (publishable.notNow() != null) {
            return new PollOutcome.NotCommitted(publishable.notNow());
        }
        changes = publishable.changes();
        SnapshotProgress after = progress.after(page.next().orElse(null), changes.size());
        List<CaptureNotice> notices = new ArrayList<>();
        if (progress.notStarted()) {
            notices.add(CaptureNotice.snapshot(subscription.key(), CaptureNotice.Type.SNAPSHOT_STARTED, sentAt,
                    progress.id(), 0));
        }
        notices.add(CaptureNotice.snapshot(subscription.key(), after.completed()
                ? CaptureNotice.Type.SNAPSHOT_COMPLETED : CaptureNotice.Type.SNAPSHOT_PROGRESS, receivedAt,
                progress.id(), after.rows()));
        Checkpoint next = at.withSnapshot(after).writtenFor(subscription);
        CommitOutcome outcome = changeLog.append(subscription.key(), changes, List.of(), next, notices);
        if (outcome instanceof CommitOutcome.Committed) {
            metrics.published(subscription.key(), changes.size(), Duration.between(receivedAt, clock.instant()));
            return new PollOutcome.Captured(next, changes.size(), !after.completed(), null);
        }
        return uncommitted(subscription, outcome);
    }

    /** A page's changes as they are published, or (notNow) why they cannot be now. */
    private record Publishable(List<CapturedChange> changes, String notNow) {
    }

    private Publishable publishable(Subscription subscription, List<CapturedChange> changes, ChangeLog changeLog) {
        Optional<String> stale = staleColumns(subscription, changes, changeLog);
        if (stale.isPresent()) {
            return new Publishable(List.of(), stale.get());
        }
        return inFormat(subscription, changes).map(published -> new Publishable(published, null)).orElseGet(() ->
                new Publishable(List.of(), "the metadata of " + subscription.key() + " is not known yet"));
    }

    /**
     * TYPED: a row with a column its table's metadata does not name means a column was added since the metadata was
     * read. The metadata is read again at once (each unknown name once, so a column Dataverse returns beside the
     * metadata's, such as a money column's currency, costs one read); when it changed, SCHEMA_CHANGED is said and the
     * page is not published: it is read again, its rows parsed with the new columns and published under the new
     * schema. Empty when the page can be published as it is.
     */
    private Optional<String> staleColumns(Subscription subscription, List<CapturedChange> changes,
                                          ChangeLog changeLog) {
        if (subscription.format() != ChangeFormat.TYPED) {
            return Optional.empty();
        }
        Optional<FeedTable> table = feed.table(subscription);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Set<String> known = table.get().metadata().columns().keySet();
        Set<String> checked = checkedColumns.computeIfAbsent(subscription.key(), key -> ConcurrentHashMap.newKeySet());
        Set<String> unknown = new TreeSet<>();
        changes.forEach(change -> change.attributes().keySet().stream()
                .filter(name -> !known.contains(name) && !checked.contains(name)).forEach(unknown::add));
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        checked.addAll(unknown);
        Optional<ColumnsChange> changed = feed.refreshColumns(subscription);
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        changeLog.announce(List.of(CaptureNotice.schemaChanged(subscription.key(), clock.instant(),
                changed.get().added(), changed.get().removed())));
        return Optional.of("the columns of " + subscription.key() + " changed (" + unknown
                + " appeared); reading the page again with them");
    }

    /**
     * The changes as {@code subscription} publishes them: GENERIC as they are; TYPED with the table the feed read
     * them with (its schema is built from it); empty when the feed cannot say which table that was.
     */
    private Optional<List<CapturedChange>> inFormat(Subscription subscription, List<CapturedChange> changes) {
        if (subscription.format() == ChangeFormat.GENERIC || changes.isEmpty()) {
            return Optional.of(changes);
        }
        return feed.table(subscription).map(table -> changes.stream()
                .map(change -> change.publishedBy(subscription, table)).toList());
    }

    /** The capture events a page of the subscription's own read brings about, written with it. */
    private static List<CaptureNotice> notices(Subscription subscription, Tracking tracking, Checkpoint at, Step step,
                                               Instant now) {
        List<CaptureNotice> notices = new ArrayList<>();
        SubscriptionKey key = subscription.key();
        if (!at.synced() && subscription.start() == StartPosition.SNAPSHOT) {
            if (at.nextLink() == null) {
                notices.add(CaptureNotice.snapshot(key, CaptureNotice.Type.SNAPSHOT_STARTED, now,
                        CaptureNotice.INITIAL_SYNC, 0));
            }
            if (!step.more()) {
                notices.add(CaptureNotice.snapshot(key, CaptureNotice.Type.SNAPSHOT_COMPLETED, now,
                        CaptureNotice.INITIAL_SYNC, tracking.indexedRecords() + step.indexed().size()));
            }
        } else if (at.inFullSync() && at.synced() && !step.more()) {
            long created = step.changes().stream().filter(c -> c.kind() == ChangeKind.CREATED).count();
            long deletes = step.changes().stream().filter(c -> c.kind() == ChangeKind.DELETED).count();
            notices.add(CaptureNotice.resyncCompleted(key, now, at.updatedAt(),
                    tracking.indexedRecords() + created - deletes, deletes));
        }
        return notices;
    }

    private PollOutcome failed(Subscription subscription, Checkpoint at, FeedResult.Failed failed,
                               ChangeLog changeLog) {
        metrics.failed(subscription.key(), failed.reason());
        if (failed.reason() == FeedFailure.SYNC_EXPIRED) {
            metrics.resynced(subscription.key());
            log.warn("connection {}: the delta token of {} expired or is invalid ({}); re-syncing against the record "
                            + "index: changed rows and the deletions made meanwhile are published, nothing twice",
                    subscription.key().connection(), subscription.entity(), failed.detail());
            // Said before the re-sync starts; should it not reach Kafka, the re-sync still runs.
            changeLog.announce(List.of(CaptureNotice.resyncRequired(subscription.key(), clock.instant(),
                    failed.code(), failed.detail())));
            return new PollOutcome.Resync(at.forResync());
        }
        return new PollOutcome.Deferred(failed.reason(), failed.retryAfter(), failed.detail());
    }

    private PollOutcome committed(Subscription subscription, List<CapturedChange> changes, Checkpoint next, Step step,
                                  CommitOutcome outcome, Duration took) {
        if (outcome instanceof CommitOutcome.Committed) {
            metrics.published(subscription.key(), changes.size(), took);
            return new PollOutcome.Captured(next, changes.size(), step.more(), step.newest());
        }
        return uncommitted(subscription, outcome);
    }

    private PollOutcome uncommitted(Subscription subscription, CommitOutcome outcome) {
        if (outcome instanceof CommitOutcome.Fenced fenced) {
            return new PollOutcome.Fenced(fenced.reason());
        }
        metrics.commitFailed(subscription.key());
        return outcome instanceof CommitOutcome.Uncertain uncertain ? new PollOutcome.Uncertain(uncertain.reason())
                : new PollOutcome.NotCommitted(((CommitOutcome.Aborted) outcome).reason());
    }

    /**
     * Nothing happened and the position is equivalent to the committed one (an empty delta or modifiedon cycle):
     * keep the committed checkpoint rather than spend a transaction, until it is {@code quietCommitInterval} old.
     */
    private boolean quiet(Checkpoint at, FeedResult.Page page, Step step, Instant now) {
        return page.rows().isEmpty() && step.changes().isEmpty() && page.next().isEmpty() && at.nextLink() == null
                && at.synced() && at.updatedAt() != null && at.updatedAt().plus(quietCommitInterval).isAfter(now);
    }

    private static List<CapturedChange> captured(Subscription subscription, List<Change> changes, Instant capturedAt) {
        List<CapturedChange> captured = new ArrayList<>(changes.size());
        for (Change change : changes) {
            captured.add(change.row() instanceof FeedRow.Upserted row
                    ? CapturedChange.upserted(subscription, row, change.kind(), capturedAt)
                    : CapturedChange.deleted(subscription, change.row().id(), capturedAt));
        }
        return captured;
    }
}
