package io.crmbridge.poller.subscription;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.crmbridge.crm.connection.ConnectionId;

/**
 * Every subscription of every poller instance, as {@code crm.subscriptions} holds them: the one source of what is
 * captured. Fed by the topic's follower (and by this instance's own writes once they are on the topic); whoever
 * polls a subscription is told when it changed, so a change takes effect without a restart.
 */
public final class SubscriptionCatalogue {

    private final PollerSettings.TableDefaults defaults;
    private final Map<SubscriptionKey, SubscriptionSpec> specs = new ConcurrentHashMap<>();
    private final List<Consumer<SubscriptionKey>> listeners = new CopyOnWriteArrayList<>();
    /** Tombstones read, by key: who removed it ("" when the tombstone does not say: the admin API). */
    private final Map<SubscriptionKey, String> removals = new ConcurrentHashMap<>();

    public SubscriptionCatalogue(PollerSettings.TableDefaults defaults) {
        this.defaults = defaults;
    }

    /**
     * A definition read from the topic; listeners hear of it only when it changes what is captured or asks for
     * another snapshot.
     */
    public void defined(SubscriptionSpec spec) {
        removals.remove(spec.key());
        SubscriptionSpec previous = specs.put(spec.key(), spec);
        if (!spec.sameSettingsAs(previous) || !Objects.equals(spec.snapshot(), previous.snapshot())) {
            listeners.forEach(listener -> listener.accept(spec.key()));
        }
    }

    /** A tombstone read from the topic: the subscription is gone (its checkpoint stays). */
    public void removed(SubscriptionKey key) {
        removed(key, null);
    }

    /** A tombstone that says who removed the subscription ({@code null}: it does not say, the admin API did). */
    public void removed(SubscriptionKey key, String removedBy) {
        removals.put(key, removedBy == null ? "" : removedBy);
        if (specs.remove(key) != null) {
            listeners.forEach(listener -> listener.accept(key));
        }
    }

    /**
     * Whether the subscription was removed through the admin API (not by the table patterns), as long as the topic
     * keeps its tombstone ({@code delete.retention.ms}).
     */
    public boolean removedThroughApi(SubscriptionKey key) {
        String by = removals.get(key);
        return by != null && !SubscriptionSpec.PATTERN.equals(by);
    }

    public Optional<SubscriptionSpec> spec(SubscriptionKey key) {
        return Optional.ofNullable(specs.get(key));
    }

    /** The definitions of one connection, by table. */
    public List<SubscriptionSpec> specs(ConnectionId connection) {
        return specs.values().stream().filter(s -> s.key().connection().equals(connection))
                .sorted(Comparator.comparing(s -> s.key().entity())).toList();
    }

    public List<SubscriptionSpec> specs() {
        return specs.values().stream().sorted(Comparator.comparing(s -> s.key().toString())).toList();
    }

    public Optional<Subscription> subscription(SubscriptionKey key) {
        return spec(key).map(s -> s.resolve(defaults));
    }

    /** Every subscription as the poller runs it. */
    public List<Subscription> subscriptions() {
        List<Subscription> all = new ArrayList<>();
        specs().forEach(s -> all.add(s.resolve(defaults)));
        return all;
    }

    public PollerSettings.TableDefaults defaults() {
        return defaults;
    }

    /**
     * Of the configured seeds, those to publish: the ones the topic lacks, and those whose seeded definition the
     * configuration has changed since (or a table pattern made). A definition written through the API is never
     * overwritten by a seed.
     */
    public List<SubscriptionSpec> seedsToPublish(List<SubscriptionSpec> seeds) {
        return seeds.stream().filter(seed -> {
            SubscriptionSpec current = specs.get(seed.key());
            return current == null || (current.seeded() || current.madeByPattern()) && !current.sameSettingsAs(seed);
        }).toList();
    }

    /** Called with the key of every subscription that was added, changed or removed. */
    public void onChange(Consumer<SubscriptionKey> listener) {
        listeners.add(listener);
    }
}
