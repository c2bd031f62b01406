package io.crmbridge.poller.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.crmbridge.crm.record.DeltaLink;
import io.crmbridge.poller.subscription.Subscription;

/**
 * One Dataverse table in memory with change tracking as the reference describes it: an internal row version
 * raised by every write (never shown), ETags and versionnumbers drawn apart from it in no order (reference §1.5),
 * full syncs paged in primary-key order, deltas of changed rows in version order followed by deletions, opaque
 * delta links that can be expired, and modifiedon queries. Answers {@link ChangeFeed} reads with
 * links of its own making; failures can be queued.
 */
public final class InMemoryChangeFeed implements ChangeFeed {

    private record Row(String id, long version, long etag, Instant createdOn, Instant modifiedOn,
                       Map<String, Object> values) {
    }

    private final Clock clock;
    private final TreeMap<String, Row> rows = new TreeMap<>();
    private final TreeMap<Long, String> tombstones = new TreeMap<>();
    private final Deque<FeedResult.Failed> failures = new ArrayDeque<>();
    private final AtomicInteger reads = new AtomicInteger();
    private long version = 1_000;
    private long tokensValidFrom;
    private final java.util.Random etags = new java.util.Random(42);

    public InMemoryChangeFeed(Clock clock) {
        this.clock = clock;
    }

    public synchronized String create(Map<String, Object> values) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        rows.put(id, new Row(id, ++version, etag(), now, now, Map.copyOf(values)));
        return id;
    }

    public synchronized void update(String id, Map<String, Object> values) {
        Row row = rows.get(id);
        Map<String, Object> merged = new LinkedHashMap<>(row.values());
        merged.putAll(values);
        rows.put(id, new Row(id, ++version, etag(), row.createdOn(), clock.instant(), merged));
    }

    /** An update whose modifiedon is {@code modifiedOn} (a transaction that started then and commits now). */
    public synchronized void updateAsOf(String id, Instant modifiedOn) {
        Row row = rows.get(id);
        rows.put(id, new Row(id, ++version, etag(), row.createdOn(), modifiedOn, row.values()));
    }

    public synchronized void delete(String id) {
        rows.remove(id);
        tombstones.put(++version, id);
    }

    /** Every delta link issued so far answers SYNC_EXPIRED. */
    public synchronized void expireDeltaTokens() {
        tokensValidFrom = ++version;
    }

    /** The next read answers {@code failure} instead of a page. */
    public synchronized void failNext(FeedFailure reason, Duration retryAfter) {
        failures.add(new FeedResult.Failed(reason, retryAfter, "injected " + reason));
    }

    /** The current versionnumber (the number of its ETag) of every live row. */
    public synchronized Map<String, Long> currentVersions() {
        Map<String, Long> versions = new LinkedHashMap<>();
        rows.values().forEach(r -> versions.put(r.id(), r.etag()));
        return versions;
    }

    /** A new ETag number: unique, unrelated to the internal version and to tokens, in no order. */
    private long etag() {
        return 100_000 + etags.nextInt(900_000_000);
    }

    public synchronized java.util.Set<String> deletedIds() {
        return new java.util.HashSet<>(tombstones.values());
    }

    public int reads() {
        return reads.get();
    }

    public synchronized long currentVersion() {
        return version;
    }

    @Override
    public synchronized FeedResult read(Subscription subscription, FeedRequest request) {
        reads.incrementAndGet();
        if (!failures.isEmpty()) {
            return failures.poll();
        }
        Link link = request instanceof FeedRequest.FullSync ? new Link("full", "", version, 0, 0)
                : request instanceof FeedRequest.Snapshot snapshot ? (snapshot.next() == null
                ? new Link("full", "", version, 0, 0) : Link.parse(snapshot.next().toString()))
                : request instanceof FeedRequest.ModifiedSince since
                ? new Link("modified", since.from() == null ? "" : since.from().toString(), version, 0, 0)
                : Link.parse(request instanceof FeedRequest.NextPage next ? next.link().toString()
                : ((FeedRequest.Delta) request).link().url());
        return switch (link.kind()) {
            case "full" -> full(subscription, link);
            case "delta" -> delta(subscription, link);
            default -> modified(subscription, link);
        };
    }

    private FeedResult full(Subscription subscription, Link link) {
        List<FeedRow> page = new ArrayList<>();
        var tail = link.after().isEmpty() ? rows : rows.tailMap(link.after(), false);
        for (Row row : tail.values()) {
            if (page.size() == subscription.pageSize()) {
                return new FeedResult.Page(page, Optional.of(PageLink.of(
                        new Link("full", page.get(page.size() - 1).id(), link.upTo(), 0, 0).toString())), Optional.empty());
            }
            page.add(upserted(row));
        }
        return new FeedResult.Page(page, Optional.empty(), Optional.of(deltaLink(link.upTo())));
    }

    private FeedResult delta(Subscription subscription, Link link) {
        long since = Long.parseLong(link.after());
        if (since < tokensValidFrom) {
            return new FeedResult.Failed(FeedFailure.SYNC_EXPIRED, Duration.ZERO, "400 0x80044352");
        }
        long upTo = link.offset() == 0 && link.upTo() == 0 ? version : link.upTo();
        List<FeedRow> all = new ArrayList<>();
        rows.values().stream().filter(r -> r.version() > since && r.version() <= upTo)
                .sorted(Comparator.comparingLong(Row::version)).forEach(r -> all.add(upserted(r)));
        tombstones.subMap(since, false, upTo, true).values().forEach(id -> all.add(new FeedRow.Deleted(id)));
        return paged(subscription, all, link.offset(), new Link("delta", link.after(), upTo, 0, 0),
                Optional.of(deltaLink(upTo)));
    }

    private FeedResult modified(Subscription subscription, Link link) {
        Instant from = link.after().isEmpty() ? Instant.MIN : Instant.parse(link.after());
        List<FeedRow> all = rows.values().stream().filter(r -> !r.modifiedOn().isBefore(from))
                .sorted(Comparator.comparing(Row::modifiedOn).thenComparing(Row::id))
                .map(r -> (FeedRow) upserted(r)).toList();
        return paged(subscription, all, link.offset(), link, Optional.empty());
    }

    private static FeedResult paged(Subscription subscription, List<FeedRow> all, int offset, Link base,
                                    Optional<DeltaLink> last) {
        int end = Math.min(all.size(), offset + subscription.pageSize());
        List<FeedRow> page = all.subList(Math.min(offset, all.size()), end);
        if (end < all.size()) {
            return new FeedResult.Page(page, Optional.of(PageLink.of(
                    new Link(base.kind(), base.after(), base.upTo(), end, 1).toString())), Optional.empty());
        }
        return new FeedResult.Page(page, Optional.empty(), last);
    }

    private DeltaLink deltaLink(long upTo) {
        return new DeltaLink(new Link("delta", String.valueOf(upTo), 0, 0, 0).toString());
    }

    private static FeedRow.Upserted upserted(Row row) {
        return new FeedRow.Upserted(row.id(), "W/\"" + row.etag() + "\"", row.etag(), row.createdOn(),
                row.modifiedOn(), row.values(), Map.of());
    }

    /** Links of this fake: {@code https://fake/<kind>?after=..&upTo=..&offset=..}. */
    private record Link(String kind, String after, long upTo, int offset, int paged) {
        static Link parse(String text) {
            String kind = text.substring("https://fake/".length(), text.indexOf('?'));
            String[] parts = text.substring(text.indexOf('?') + 1).split("&");
            return new Link(kind, value(parts[0]), Long.parseLong(value(parts[1])), Integer.parseInt(value(parts[2])),
                    Integer.parseInt(value(parts[3])));
        }

        private static String value(String part) {
            return part.substring(part.indexOf('=') + 1);
        }

        @Override
        public String toString() {
            return "https://fake/" + kind + "?after=" + after + "&upTo=" + upTo + "&offset=" + offset + "&paged=" + paged;
        }
    }
}
