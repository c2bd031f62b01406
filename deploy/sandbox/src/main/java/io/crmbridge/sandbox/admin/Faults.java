package io.crmbridge.sandbox.admin;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Injected faults (error statuses, latency, connection resets) for a share of the Dataverse and identity
 * requests, applied through {@link #filter()}. Rules are tried in the order they were armed; the first that takes
 * a request decides its fault. The admin API is never faulted, so a rule for every request can still be removed.
 */
public final class Faults {

    /** Response header naming the kind of an injected fault; also how {@link RequestCounts} tells them apart. */
    static final String HEADER = "X-Sandbox-Fault";

    private final Clock clock;
    private final Injector injector;
    private final List<ArmedFault> armed = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final RequestCounts requests = new RequestCounts();

    /** Faults whose durations run on the system clock. */
    public Faults() {
        this(Clock.systemUTC());
    }

    /** Faults whose durations run on {@code clock} (the sandbox clock, so advancing it expires them). */
    public Faults(Clock clock) {
        this.clock = clock;
        this.injector = new Injector(clock);
    }

    public ArmedFault add(FaultRule rule) {
        ArmedFault fault = new ArmedFault(ids.incrementAndGet(), rule, clock.instant());
        armed.add(fault);
        return fault;
    }

    /** Every armed rule, used up and expired ones included (they show how often they fired). */
    public List<ArmedFault> armed() {
        return List.copyOf(armed);
    }

    public boolean remove(long id) {
        return armed.removeIf(fault -> fault.id() == id);
    }

    public void clear() {
        armed.clear();
    }

    /** What the sandbox answered, injected faults included. */
    public RequestCounts requests() {
        return requests;
    }

    public HandlerFilterFunction<ServerResponse, ServerResponse> filter() {
        return (request, next) -> firing(request.requestPath().value())
                .map(fault -> injector.inject(fault, request, next))
                .orElseGet(() -> next.handle(request));
    }

    private Optional<Fault> firing(String path) {
        if (path.equals("/admin") || path.startsWith("/admin/")) {
            return Optional.empty();
        }
        var now = clock.instant();
        return armed.stream().filter(fault -> fault.takes(path, now)).findFirst().map(fault -> fault.rule().fault());
    }
}
