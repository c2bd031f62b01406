package io.crmbridge.sandbox.dataverse;

/**
 * How the sandbox's change tracking and ETags behave where shared/reference/dataverse-webapi.md leaves it open
 * [UNVERIFIED] or where a client must not rely on a coincidence. Every client test that captures changes should
 * pass under each value; the defaults are the most likely behaviour, never the most convenient one.
 *
 * @param etags        how row ETags relate to delta tokens (reference §1.5: opaque, equality only, not growing)
 * @param initialPages how an initial sync pages (§2.2 [UNVERIFIED])
 * @param emptyDelta   what a delta read returns when nothing changed (§2.4 [UNVERIFIED])
 * @param initialOrder the order of rows in an initial sync (not documented: clients must not rely on one)
 */
public record TrackingBehaviour(Etags etags, InitialPages initialPages, EmptyDelta emptyDelta,
                                InitialOrder initialOrder) {

    /** Row ETags (and versionnumber, which they show). Delta tokens always come from a counter of their own. */
    public enum Etags {
        /** A sequence of their own, far below the token numbers, as in Microsoft's example (915244 after 919042). */
        SEPARATE_SEQUENCE,
        /** Unique but in no order: a later write may carry a smaller ETag than an earlier one. */
        SCRAMBLED
    }

    public enum InitialPages {
        /** {@code @odata.nextLink} pages of at most odata.maxpagesize rows, the deltaLink on the last page. */
        PAGED,
        /** Every row in one response whatever the page size, with the deltaLink. */
        SINGLE_PAGE
    }

    public enum EmptyDelta {
        /** {@code value: []} and a new deltaLink. */
        NEW_TOKEN,
        /** {@code value: []} and the deltaLink the client sent. */
        SAME_TOKEN
    }

    public enum InitialOrder {
        PRIMARY_KEY,
        /** Pages in primary-key order, rows shuffled within each page. */
        SHUFFLED_WITHIN_PAGES
    }

    public static TrackingBehaviour defaults() {
        return new TrackingBehaviour(Etags.SEPARATE_SEQUENCE, InitialPages.PAGED, EmptyDelta.NEW_TOKEN,
                InitialOrder.PRIMARY_KEY);
    }

    public TrackingBehaviour with(Etags value) {
        return new TrackingBehaviour(value, initialPages, emptyDelta, initialOrder);
    }

    public TrackingBehaviour with(InitialPages value) {
        return new TrackingBehaviour(etags, value, emptyDelta, initialOrder);
    }

    public TrackingBehaviour with(EmptyDelta value) {
        return new TrackingBehaviour(etags, initialPages, value, initialOrder);
    }

    public TrackingBehaviour with(InitialOrder value) {
        return new TrackingBehaviour(etags, initialPages, emptyDelta, value);
    }
}
