package io.crmbridge.poller.tracking;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The record index of one subscription: every record published (or, from a start at NOW, read) and not deleted
 * since, with the ETag it was last published at. It is what makes capture exactly once without ordering versions
 * (ETags are opaque and compared only for equality, reference §1.5): a row at the indexed ETag was published,
 * a row not indexed is new, and a re-sync ends by publishing every indexed record it did not return as deleted.
 * Committed to {@code crm.poller-records} with the events it accounts for; this in-memory copy is changed only
 * after that commit.
 *
 * <p>Compact, so that a table of a million records fits a small heap: a record with a lower-case GUID id and an
 * ETag of the form {@code W/"<digits>"} takes three longs and a byte in open-addressed arrays (about 50 bytes at the
 * load factor kept); any other id or ETag is held exactly, as strings, in a map. The digits are only ever turned
 * back into the same text: nothing compares them by size. Not thread-safe (one worker per subscription).
 */
public final class RecordIndex {

    /**
     * A change to the index, committed with the events it accounts for.
     *
     * @param recordId the record
     * @param etag     the ETag it was published (or, from a start at NOW, read) at; null: the record was deleted
     * @param version  its versionnumber, as data; null when not known
     */
    public record Entry(String recordId, String etag, Long version) {
        public Entry {
            java.util.Objects.requireNonNull(recordId, "recordId");
        }

        static Entry removed(String recordId) {
            return new Entry(recordId, null, null);
        }

        public boolean removed() {
            return etag == null;
        }
    }

    private static final byte FREE = 0;
    private static final byte USED = 1;
    private static final byte SEEN = 2;
    private static final int MIN_CAPACITY = 16;

    private long[] high = new long[MIN_CAPACITY];
    private long[] low = new long[MIN_CAPACITY];
    private long[] tags = new long[MIN_CAPACITY];
    private byte[] flags = new byte[MIN_CAPACITY];
    private int compactSize;
    private final Map<String, String> other = new HashMap<>();
    private final Set<String> otherSeen = new HashSet<>();

    /** What a committed page changed: its entries, then the records a re-sync found unchanged. */
    public void apply(List<Entry> entries, List<String> unchanged) {
        for (Entry entry : entries) {
            if (entry.removed()) {
                remove(entry.recordId());
            } else {
                put(entry.recordId(), entry.etag());
            }
        }
        unchanged.forEach(this::markSeen);
    }

    /** The ETag {@code recordId} was last published at; empty when it is not indexed. */
    public Optional<String> etag(String recordId) {
        UUID id = guid(recordId);
        if (id != null) {
            int slot = find(id.getMostSignificantBits(), id.getLeastSignificantBits());
            if (slot >= 0) {
                return Optional.of(etagOf(tags[slot]));
            }
        }
        return Optional.ofNullable(other.get(recordId));
    }

    public boolean contains(String recordId) {
        return etag(recordId).isPresent();
    }

    /** Records {@code recordId} at {@code etag}; a re-sync in progress counts it as seen. */
    public void put(String recordId, String etag) {
        UUID id = guid(recordId);
        long tag = tagOf(etag);
        if (id != null && tag >= 0) {
            other.remove(recordId);
            otherSeen.remove(recordId);
            insert(id.getMostSignificantBits(), id.getLeastSignificantBits(), tag);
        } else {
            removeCompact(id);
            other.put(recordId, etag);
            otherSeen.add(recordId);
        }
    }

    public void remove(String recordId) {
        removeCompact(guid(recordId));
        other.remove(recordId);
        otherSeen.remove(recordId);
    }

    /** A re-sync returned {@code recordId} unchanged. */
    public void markSeen(String recordId) {
        UUID id = guid(recordId);
        if (id != null) {
            int slot = find(id.getMostSignificantBits(), id.getLeastSignificantBits());
            if (slot >= 0) {
                flags[slot] = USED | SEEN;
                return;
            }
        }
        if (other.containsKey(recordId)) {
            otherSeen.add(recordId);
        }
    }

    /** A re-sync starts: no record has been seen by it yet. */
    public void clearSeen() {
        for (int i = 0; i < flags.length; i++) {
            if (flags[i] != FREE) {
                flags[i] = USED;
            }
        }
        otherSeen.clear();
    }

    /** Every indexed record not seen since {@link #clearSeen()}, except those in {@code alsoSeen}. */
    public void forEachUnseen(Set<String> alsoSeen, Consumer<String> action) {
        for (int i = 0; i < flags.length; i++) {
            if (flags[i] == USED) {
                String id = new UUID(high[i], low[i]).toString();
                if (!alsoSeen.contains(id)) {
                    action.accept(id);
                }
            }
        }
        other.keySet().stream().filter(id -> !otherSeen.contains(id) && !alsoSeen.contains(id)).forEach(action);
    }

    public int size() {
        return compactSize + other.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }


    private void insert(long hi, long lo, long tag) {
        int slot = find(hi, lo);
        if (slot >= 0) {
            tags[slot] = tag;
            flags[slot] = USED | SEEN;
            return;
        }
        if ((compactSize + 1) * 2 > flags.length) {
            grow();
        }
        place(hi, lo, tag, (byte) (USED | SEEN));
        compactSize++;
    }

    /** Puts an entry in the first free slot from its home (the arrays have room). */
    private void place(long hi, long lo, long tag, byte flag) {
        int mask = flags.length - 1;
        int i = hash(hi, lo) & mask;
        while (flags[i] != FREE) {
            i = (i + 1) & mask;
        }
        high[i] = hi;
        low[i] = lo;
        tags[i] = tag;
        flags[i] = flag;
    }

    private int find(long hi, long lo) {
        int mask = flags.length - 1;
        int i = hash(hi, lo) & mask;
        while (flags[i] != FREE) {
            if (high[i] == hi && low[i] == lo) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** Linear probing with backward-shift deletion: no tombstones, so lookups stay short. */
    private void removeCompact(UUID id) {
        if (id == null) {
            return;
        }
        int slot = find(id.getMostSignificantBits(), id.getLeastSignificantBits());
        if (slot < 0) {
            return;
        }
        int mask = flags.length - 1;
        int gap = slot;
        int i = (gap + 1) & mask;
        while (flags[i] != FREE) {
            int home = hash(high[i], low[i]) & mask;
            boolean movable = gap <= i ? home <= gap || home > i : home <= gap && home > i;
            if (movable) {
                high[gap] = high[i];
                low[gap] = low[i];
                tags[gap] = tags[i];
                flags[gap] = flags[i];
                gap = i;
            }
            i = (i + 1) & mask;
        }
        flags[gap] = FREE;
        compactSize--;
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        long[] oldTags = tags;
        byte[] oldFlags = flags;
        int capacity = oldFlags.length * 2;
        high = new long[capacity];
        low = new long[capacity];
        tags = new long[capacity];
        flags = new byte[capacity];
        for (int j = 0; j < oldFlags.length; j++) {
            if (oldFlags[j] != FREE) {
                place(oldHigh[j], oldLow[j], oldTags[j], oldFlags[j]);
            }
        }
    }

    private static int hash(long hi, long lo) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }

    /** The id as a UUID when it is a GUID written in the canonical lower-case form, else null. */
    private static UUID guid(String recordId) {
        if (recordId == null || recordId.length() != 36 || recordId.charAt(8) != '-') {
            return null;
        }
        try {
            UUID id = UUID.fromString(recordId);
            return id.toString().equals(recordId) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * {@code W/"<digits>"} held as the number its digits spell, when that turns back into the same text (at most 18
     * digits, no leading zero); -1 for any other ETag, which is kept as text.
     */
    private static long tagOf(String etag) {
        if (etag == null || etag.length() < 5 || etag.length() > 22 || !etag.startsWith("W/\"") || !etag.endsWith("\"")) {
            return -1;
        }
        String digits = etag.substring(3, etag.length() - 1);
        if (digits.isEmpty() || (digits.length() > 1 && digits.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(digits);
    }

    private static String etagOf(long tag) {
        return "W/\"" + tag + "\"";
    }
}
