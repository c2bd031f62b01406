package io.crmbridge.poller.tracking;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a table's columns changed between two reads of its metadata.
 *
 * @param added   logical names that appeared, sorted
 * @param removed logical names that disappeared, sorted
 */
public record ColumnsChange(List<String> added, List<String> removed) {

    public ColumnsChange {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    /** From {@code before} to {@code after}; empty lists when nothing changed. */
    static ColumnsChange between(Set<String> before, Set<String> after) {
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        Set<String> removed = new TreeSet<>(before);
        removed.removeAll(after);
        return new ColumnsChange(List.copyOf(added), List.copyOf(removed));
    }

    public boolean none() {
        return added.isEmpty() && removed.isEmpty();
    }
}
