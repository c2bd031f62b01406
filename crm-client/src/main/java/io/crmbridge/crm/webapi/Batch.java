package io.crmbridge.crm.webapi;

import java.util.ArrayList;
import java.util.List;

/**
 * The requests of one {@code $batch} (reference §4), in order: single requests, and change sets whose requests
 * succeed or fail together. At most 1,000 requests. Requests inside change sets get Content-IDs 1, 2, 3... in the
 * order they were added, across the whole batch, so a later request of the same change set can refer to a row
 * created earlier as {@code $1}.
 *
 * <pre>{@code
 * Batch batch = Batch.builder()
 *         .add(WebApiRequest.json("POST", "accounts", "{\"name\":\"A\"}"))
 *         .changeSet(List.of(createContact, updateAccount))
 *         .build();
 * }</pre>
 */
public final class Batch {

    /** Most requests one batch may hold. */
    public static final int MAX_REQUESTS = 1000;

    /** A top-level item: a single request, or a change set. */
    sealed interface Item permits Single, ChangeSet {
    }

    record Single(WebApiRequest request) implements Item {
    }

    record ChangeSet(List<WebApiRequest> requests) implements Item {
    }

    private final List<Item> items;
    private final int size;

    private Batch(List<Item> items) {
        this.items = List.copyOf(items);
        this.size = items.stream().mapToInt(item -> item instanceof ChangeSet set ? set.requests().size() : 1).sum();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every request in batch order (change-set members in place); {@link BatchResponse} parts follow it. */
    public List<WebApiRequest> requests() {
        List<WebApiRequest> all = new ArrayList<>(size);
        for (Item item : items) {
            if (item instanceof Single single) {
                all.add(single.request());
            } else {
                all.addAll(((ChangeSet) item).requests());
            }
        }
        return all;
    }

    public int size() {
        return size;
    }

    List<Item> items() {
        return items;
    }

    /** Collects the requests of a batch. */
    public static final class Builder {
        private final List<Item> items = new ArrayList<>();
        private int size;

        public Builder add(WebApiRequest request) {
            count(1);
            items.add(new Single(request));
            return this;
        }

        /** An atomic group of writes; GET is not allowed in a change set. */
        public Builder changeSet(List<WebApiRequest> requests) {
            if (requests.isEmpty()) {
                throw new IllegalArgumentException("a change set needs at least one request");
            }
            if (requests.stream().anyMatch(request -> request.method().equals("GET"))) {
                throw new IllegalArgumentException("GET is not allowed inside a change set");
            }
            count(requests.size());
            items.add(new ChangeSet(List.copyOf(requests)));
            return this;
        }

        public int size() {
            return size;
        }

        public Batch build() {
            if (items.isEmpty()) {
                throw new IllegalStateException("a batch needs at least one request");
            }
            return new Batch(items);
        }

        private void count(int requests) {
            if (size + requests > MAX_REQUESTS) {
                throw new IllegalStateException("a batch holds at most " + MAX_REQUESTS + " requests");
            }
            size += requests;
        }
    }
}
