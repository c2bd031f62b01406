package io.crmbridge.crm.record;

import java.util.List;
import java.util.Optional;

/**
 * One page of a query or change-tracking response.
 *
 * @param records   new, updated or (initial sync / plain query) current rows, in the order returned
 * @param deletions ids of rows deleted since the delta token ({@code $deletedEntity} entries); empty for queries
 * @param nextLink  the next page, when there is one: follow it unchanged
 * @param deltaLink the position after this change-tracking response (on the last page only)
 */
public record RecordPage(List<EntityRecord> records, List<String> deletions, Optional<NextLink> nextLink,
                         Optional<DeltaLink> deltaLink) {

    public RecordPage {
        records = List.copyOf(records);
        deletions = List.copyOf(deletions);
    }

    /** Rows plus deletions on this page. */
    public int size() {
        return records.size() + deletions.size();
    }

    public boolean isLast() {
        return nextLink.isEmpty();
    }
}
