package io.crmbridge.sandbox.dataverse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Change-tracking reads (reference §2): the initial sync with {@code Prefer: odata.track-changes} (every row, in
 * 5,000-row pages by primary key, the {@code @odata.deltaLink} on the last page) and delta reads with
 * {@code $deltatoken} (changed rows by version, then {@code $deletedEntity} entries). Both read the table's
 * internal version index from the version a token stands for up to a snapshot taken on the first page, so a delta
 * of k changes costs O(k log n), and rows written while a client pages through show up again in its next delta
 * rather than never. Token numbers come from a counter of their own ({@link Org#issueToken}); the behaviours the
 * reference leaves open follow {@link TrackingBehaviour}.
 */
final class ChangeTracking {

    private final RecordReads reads;

    ChangeTracking(RecordReads reads) {
        this.reads = reads;
    }

    ApiResponse read(ApiRequest request, TableDefinition table, ODataQuery query, Prefer prefer,
                     PagingCookie cookie) {
        Org org = request.org();
        DataverseSettings settings = org.settings();
        if (!table.changeTracking()) {
            if (settings.untrackedTableRejected() || query.deltaToken() != null) {
                throw new DataverseError(400, DataverseError.ODATA, "Change tracking is not enabled for the entity '"
                        + table.logicalName() + "'.");
            }
            return reads.query(request, table, query, prefer, PagingCookie.first());
        }
        List<String> refused = query.refusedWithChangeTracking();
        if (!refused.isEmpty()) {
            throw new DataverseError(settings.trackingQueryOptionStatus(), DataverseError.ODATA, "The \""
                    + refused.get(0) + "\" query parameter isn't supported when Change Tracking is enabled.");
        }
        PagingCookie position = cookie.tracking() ? cookie : start(org, query);
        Page.Preferences applied = new Page.Preferences().add("odata.track-changes");
        Annotations annotations = Annotations.of(prefer.includeAnnotations());
        applied.of(prefer, annotations);
        RecordJson json = new RecordJson(org, table, query.columns(), annotations);
        TrackingBehaviour behaviour = settings.tracking();
        Page page = position.from() < 0
                ? initialPage(request, table, query, position,
                        behaviour.initialPages() == TrackingBehaviour.InitialPages.SINGLE_PAGE ? Integer.MAX_VALUE
                                : RecordReads.pageSize(prefer))
                : deltaPage(request, table, query, position, RecordReads.pageSize(prefer));
        return page.response(table, json, request.apiBase(), applied);
    }

    private static PagingCookie start(Org org, ODataQuery query) {
        long snapshot = org.committedVersion();
        long now = org.now().getEpochSecond();
        if (query.deltaToken() == null) {
            return PagingCookie.first().withSnapshot(snapshot, now, -1);
        }
        long from = validToken(org, query.deltaToken());
        return PagingCookie.first().withSnapshot(snapshot, now, from);
    }

    /** The internal version the token stands for. */
    private static long validToken(Org org, String text) {
        DataverseSettings settings = org.settings();
        DeltaToken token = DeltaToken.parse(text).orElseThrow(() -> invalidToken(settings));
        long snapshot = org.tokenSnapshot(token.version()).orElseThrow(() -> invalidToken(settings));
        Instant now = org.now();
        if (token.issuedAt().isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw invalidToken(settings);
        }
        if (snapshot < org.tokensValidFrom()
                || token.issuedAt().isBefore(now.minus(settings.changeTrackingRetention()))) {
            throw new DataverseError(settings.expiredDeltaTokenStatus(), DataverseError.EXPIRED_VERSION_STAMP,
                    "Version stamp associated with the client has expired. Please perform a full sync.");
        }
        return snapshot;
    }

    private static DataverseError invalidToken(DataverseSettings settings) {
        return new DataverseError(settings.invalidDeltaTokenStatus(), DataverseError.ODATA,
                "The delta token is not valid.");
    }

    private static Page initialPage(ApiRequest request, TableDefinition table, ODataQuery query, PagingCookie cookie,
                                    int pageSize) {
        Rows rows = request.org().rows(table);
        var candidates = (cookie.lastId() == null ? rows.byId() : rows.byId().tailMap(cookie.lastId(), false)).values();
        List<Row> page = new ArrayList<>(Math.min(pageSize, 8192));
        boolean more = false;
        for (Row row : candidates) {
            if (page.size() == pageSize) {
                more = true;
                break;
            }
            page.add(row);
        }
        String context = request.apiBase() + "/$metadata#" + query.contextOf(table);
        UUID first = page.isEmpty() ? null : page.get(0).id();
        UUID last = page.isEmpty() ? null : page.get(page.size() - 1).id();
        if (request.org().settings().tracking().initialOrder() == TrackingBehaviour.InitialOrder.SHUFFLED_WITHIN_PAGES) {
            Collections.shuffle(page, new Random(page.size() * 31L + (first == null ? 0 : first.hashCode())));
        }
        if (more) {
            PagingCookie next = cookie.next(first, last, page.size());
            return new Page(context, null, null, page, List.of(), trackingNextLink(request, table, query, next));
        }
        return new Page(context, null, deltaLink(request, table, query, cookie), page, List.of(), null);
    }

    private static Page deltaPage(ApiRequest request, TableDefinition table, ODataQuery query, PagingCookie cookie,
                                  int pageSize) {
        Rows rows = request.org().rows(table);
        long upTo = cookie.snapshot();
        List<Row> changed = new ArrayList<>();
        List<Tombstone> deleted = new ArrayList<>();
        int phase = cookie.phase();
        long last = Math.max(cookie.from(), cookie.lastVersion());
        boolean more = false;
        if (phase == 0) {
            for (Row row : rows.changed(last, upTo).values()) {
                if (changed.size() == pageSize) {
                    more = true;
                    break;
                }
                changed.add(row);
                last = row.version();
            }
            if (!more) {
                phase = 1;
                last = cookie.from();
            }
        }
        if (phase == 1) {
            for (Tombstone tombstone : rows.deleted(last, upTo).values()) {
                if (recreated(rows, tombstone, upTo)) {
                    continue;
                }
                if (changed.size() + deleted.size() == pageSize) {
                    more = true;
                    break;
                }
                deleted.add(tombstone);
                last = tombstone.version();
            }
        }
        String context = request.apiBase() + "/$metadata#" + query.contextOf(table) + "/$delta";
        if (more) {
            PagingCookie next = cookie.next(cookie.firstId(), cookie.lastId(), 0).inPhase(phase, last);
            return new Page(context, null, null, changed, deleted, trackingNextLink(request, table, query, next));
        }
        boolean empty = changed.isEmpty() && deleted.isEmpty() && cookie.page() == 1;
        String link = empty && query.deltaToken() != null
                && request.org().settings().tracking().emptyDelta() == TrackingBehaviour.EmptyDelta.SAME_TOKEN
                ? request.apiBase() + "/" + table.entitySetName() + "?" + query.selectOption() + "$deltatoken="
                        + DeltaToken.parse(query.deltaToken()).orElseThrow().urlEncoded()
                : deltaLink(request, table, query, cookie);
        return new Page(context, null, link, changed, deleted, null);
    }

    /** A row deleted and created again with the same id is reported once, as the row it now is. */
    private static boolean recreated(Rows rows, Tombstone tombstone, long upTo) {
        Row current = rows.get(tombstone.id());
        return current != null && current.version() <= upTo;
    }

    private static String deltaLink(ApiRequest request, TableDefinition table, ODataQuery query, PagingCookie cookie) {
        DeltaToken token = new DeltaToken(request.org().issueToken(cookie.snapshot()),
                Instant.ofEpochSecond(cookie.snapshotAt()));
        return request.apiBase() + "/" + table.entitySetName() + "?" + query.selectOption() + "$deltatoken="
                + token.urlEncoded();
    }

    private static String trackingNextLink(ApiRequest request, TableDefinition table, ODataQuery query,
                                           PagingCookie next) {
        return request.apiBase() + "/" + table.entitySetName() + "?" + query.selectOption() + "$skiptoken="
                + next.encode(table.primaryIdName());
    }
}
