package io.crmbridge.token.refresh;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.crmbridge.token.refresh.LifecycleEvent.Type;

/** Keeps what was published; can be told to act as if ownership was lost. */
final class RecordedUpdates implements TokenUpdates {

    final List<Update> updates = new CopyOnWriteArrayList<>();
    volatile boolean fenced;

    @Override
    public void publish(Update update) {
        if (fenced) {
            throw new OwnershipLost("fenced");
        }
        updates.add(update);
    }

    List<Type> eventTypes() {
        return updates.stream().flatMap(u -> u.events().stream()).map(LifecycleEvent::type).toList();
    }

    List<LifecycleEvent> events(Type type) {
        return updates.stream().flatMap(u -> u.events().stream()).filter(e -> e.type() == type).toList();
    }

    List<Grant> grants() {
        return updates.stream().map(Update::grant).flatMap(Optional::stream).toList();
    }

    Update last() {
        return updates.get(updates.size() - 1);
    }
}
