package io.crmbridge.sandbox.dataverse;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One Dataverse environment ({@code {httpsBase}/org/{name}}): its tables and rows, its row-version counter
 * (one per org, incremented on every write, as SQL's rowversion), its service-protection limits and request
 * counts. Writes are serialised by one lock per org and applied by {@link Transaction}s; reads take no lock.
 */
public final class Org {

    /** Versions start high, as real ones do, so clients do not come to rely on small numbers. */
    private static final long FIRST_VERSION = 100_000;

    private final String name;
    private final String url;
    private final Schema schema;
    private final Clock clock;
    private final DataverseSettings settings;
    private final Map<String, Rows> rows = new LinkedHashMap<>();
    private final Writes writes = new Writes(this);
    private final ReentrantLock writeLock = new ReentrantLock();
    private final RequestCounter counter = new RequestCounter();
    private final ServiceProtection protection;
    private long lastVersion = FIRST_VERSION;
    private volatile long committedVersion = FIRST_VERSION;
    private volatile long tokensValidFrom;

    Org(String name, String url, Schema schema, Clock clock, DataverseSettings settings) {
        this.name = name;
        this.url = url;
        this.schema = schema;
        this.clock = clock;
        this.settings = settings;
        this.protection = new ServiceProtection(settings.serviceProtection(), clock);
        schema.tables().forEach(table -> rows.put(table.logicalName(), new Rows(table)));
    }

    public String name() {
        return name;
    }

    /** The org URL, e.g. {@code https://localhost:8443/org/contoso}; the audience of its access tokens. */
    public String url() {
        return url;
    }

    /** The Web API root: {@code {url}/api/data/v9.2}. */
    public String apiUrl() {
        return url + "/api/data/v9.2";
    }

    /** A table by logical name ({@code account}, {@code cr123_project}). */
    public Table table(String logicalName) {
        TableDefinition definition = schema.byLogicalName(logicalName)
                .orElseThrow(() -> new IllegalArgumentException("no table " + logicalName + " in org " + name));
        return new Table(this, rows(definition));
    }

    /** Makes every delta token issued so far invalid: the next delta poll gets the expired-version-stamp error. */
    public void breakDeltaTokens() {
        writeLock.lock();
        try {
            tokensValidFrom = ++lastVersion;
            committedVersion = lastVersion;
        } finally {
            writeLock.unlock();
        }
    }

    /** Replaces the service-protection limits (for every caller, from the next request on). */
    public void throttle(ServiceProtectionLimits limits) {
        protection.limits(limits);
    }

    public ServiceProtectionLimits limits() {
        return protection.limits();
    }

    public RequestCounts requestCounts() {
        return counter.snapshot();
    }

    public void resetRequestCounts() {
        counter.reset();
    }

    Schema schema() {
        return schema;
    }

    DataverseSettings settings() {
        return settings;
    }

    Clock clock() {
        return clock;
    }

    Writes writes() {
        return writes;
    }

    RequestCounter counter() {
        return counter;
    }

    ServiceProtection protection() {
        return protection;
    }

    Rows rows(TableDefinition table) {
        return rows.get(table.logicalName());
    }

    Optional<TableDefinition> tableBySet(String entitySet) {
        return schema.byEntitySet(entitySet);
    }

    /** The newest version all of whose writes are visible to readers: what a new delta token records. */
    long committedVersion() {
        return committedVersion;
    }

    /** Delta tokens with a lower version were invalidated by {@link #breakDeltaTokens()}. */
    long tokensValidFrom() {
        return tokensValidFrom;
    }

    Instant now() {
        return clock.instant();
    }

    /** Runs {@code work} as one atomic transaction: all its writes become visible together, or none do. */
    <T> T write(Function<Transaction, T> work) {
        writeLock.lock();
        try {
            // Dataverse keeps dates to the second.
            Transaction transaction = new Transaction(this, clock.instant().truncatedTo(ChronoUnit.SECONDS));
            T result = work.apply(transaction);
            transaction.commit();
            committedVersion = lastVersion;
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    /** The next row version; only called inside {@link #write}. */
    long nextVersion() {
        return ++lastVersion;
    }
}
