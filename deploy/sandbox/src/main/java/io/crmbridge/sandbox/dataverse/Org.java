package io.crmbridge.sandbox.dataverse;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One Dataverse environment ({@code {httpsBase}/org/{name}}): its tables and rows, its internal row-version
 * counter (one per org, incremented on every write, as SQL's rowversion; never shown to clients), the ETags it
 * shows instead and the delta tokens it issues, each from a source of its own (reference §1.5, §2.2: both opaque,
 * unrelated to each other), its service-protection limits and request counts. Writes are serialised by one lock per org and applied by {@link Transaction}s; reads take no lock.
 */
public final class Org {

    /** Versions start high, as real ones do, so clients do not come to rely on small numbers. */
    private static final long FIRST_VERSION = 100_000;
    /** ETags start below delta tokens, as in Microsoft's example (row W/"915244" after token 919042). */
    private static final long FIRST_ETAG = 700_000;
    private static final long FIRST_TOKEN = 919_000;

    private final String name;
    private final String url;
    private final Schema schema;
    private final Clock clock;
    private final DataverseSettings settings;
    private final Map<String, Rows> rows = new java.util.concurrent.ConcurrentHashMap<>();
    private final Writes writes = new Writes(this);
    private final ReentrantLock writeLock = new ReentrantLock();
    private final RequestCounter counter = new RequestCounter();
    private final ServiceProtection protection;
    private long lastVersion = FIRST_VERSION;
    private volatile long committedVersion = FIRST_VERSION;
    private volatile long tokensValidFrom;
    private long lastEtag = FIRST_ETAG;
    private final java.util.Random scrambled;
    private final java.util.Set<Long> scrambledEtags = new java.util.HashSet<>();
    private final java.util.concurrent.atomic.AtomicLong lastToken = new java.util.concurrent.atomic.AtomicLong(FIRST_TOKEN);
    private final Map<Long, Long> tokenSnapshots = new java.util.concurrent.ConcurrentHashMap<>();

    Org(String name, String url, Schema schema, Clock clock, DataverseSettings settings) {
        this.name = name;
        this.url = url;
        this.schema = schema;
        this.clock = clock;
        this.settings = settings;
        this.protection = new ServiceProtection(settings.serviceProtection(), clock);
        this.scrambled = new java.util.Random(name.hashCode());
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

    /**
     * Adds a custom table while the org runs, as a maker would ({@code cr123_invoice}: primary key
     * {@code cr123_invoiceid}, primary name {@code cr123_name}, entity set {@code cr123_invoices}); from now on it is
     * listed in {@code EntityDefinitions} and its rows can be written and read.
     *
     * @throws IllegalArgumentException for a name that is not a logical name or a table that exists
     */
    public Table addTable(String logicalName, boolean changeTracking) {
        TableDefinition definition = StandardTables.custom(logicalName, changeTracking);
        writeLock.lock();
        try {
            schema.add(definition);
            rows.put(definition.logicalName(), new Rows(definition));
        } finally {
            writeLock.unlock();
        }
        return table(logicalName);
    }

    /**
     * Adds a custom column to a table while the org runs, as a maker would: from now on {@code EntityDefinitions}
     * lists it, reads return it (null in rows written before), writes accept it and change tracking reports
     * later writes of it. Stored rows are not touched, so adding a column is no change to them.
     *
     * @throws IllegalArgumentException for an unknown table or a column name the table has already
     */
    public Table addColumn(String table, CustomColumn column) {
        redefine(table, current -> current.withColumn(column.column()));
        return table(table);
    }

    /**
     * Deletes a custom column added with {@link #addColumn}, as a maker may: from now on metadata does not list
     * it, reads do not return it and writes naming it fail as for any unknown column. Its stored values are
     * unreachable; a column of the same name added later starts empty.
     *
     * @throws IllegalArgumentException for an unknown table or column, or a column that was not added at runtime
     */
    public void removeColumn(String table, String column) {
        redefine(table, current -> current.withoutColumn(column));
    }

    /** Replaces a table's definition, its rows first, under the write lock. */
    private void redefine(String table, java.util.function.UnaryOperator<TableDefinition> change) {
        writeLock.lock();
        try {
            TableDefinition current = schema.table(table);
            TableDefinition changed = change.apply(current);
            rows(current).redefine(changed);
            schema.replace(changed);
        } finally {
            writeLock.unlock();
        }
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

    /** The ETag of the next row written; only called inside {@link #write}. */
    long nextEtag() {
        if (settings.tracking().etags() == TrackingBehaviour.Etags.SEPARATE_SEQUENCE) {
            return ++lastEtag;
        }
        long etag;
        do {
            etag = FIRST_ETAG + scrambled.nextInt(100_000_000);
        } while (!scrambledEtags.add(etag));
        return etag;
    }

    /** A new delta token number standing for the internal version {@code snapshot}. */
    long issueToken(long snapshot) {
        long number = lastToken.incrementAndGet();
        tokenSnapshots.put(number, snapshot);
        return number;
    }

    /** The internal version a delta token number stands for; empty for a number this org never issued. */
    Optional<Long> tokenSnapshot(long number) {
        return Optional.ofNullable(tokenSnapshots.get(number));
    }

    /** The next row version; only called inside {@link #write}. */
    long nextVersion() {
        return ++lastVersion;
    }
}
