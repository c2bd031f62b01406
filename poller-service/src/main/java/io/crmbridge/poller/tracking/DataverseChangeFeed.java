package io.crmbridge.poller.tracking;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.crm.failure.DataverseError;
import io.crmbridge.crm.failure.FailureKind;
import io.crmbridge.crm.metadata.ColumnType;
import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.crm.record.EntityRecord;
import io.crmbridge.crm.record.NextLink;
import io.crmbridge.crm.record.RecordPage;
import io.crmbridge.crm.record.RecordParser;
import io.crmbridge.crm.webapi.DataverseConnection;
import io.crmbridge.crm.webapi.DataverseWebApi;
import io.crmbridge.crm.webapi.Outcome;
import io.crmbridge.crm.webapi.Query;
import io.crmbridge.crm.webapi.ReadOptions;
import io.crmbridge.poller.subscription.ConnectionStates;
import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.Subscription;
import io.crmbridge.poller.subscription.SubscriptionKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The {@link ChangeFeed} over the Dataverse Web API client (crm-client), which brings the recommended headers,
 * the per-connection governor, retries after {@code Retry-After} and one token renewal after a 401, and typed
 * attribute parsing. Table names and the primary key come from the table's metadata ({@code EntityDefinitions}).
 * Selects {@code createdon} and {@code modifiedon} besides the subscription's columns (the watermark and the lag
 * use modifiedon; both are published); nothing depends on createdon being returned.
 */
public final class DataverseChangeFeed implements ChangeFeed {

    private static final Logger log = LoggerFactory.getLogger(DataverseChangeFeed.class);
    private static final List<String> ALWAYS_SELECTED = List.of("createdon", "modifiedon");

    private final DataverseWebApi api;
    private final ConnectionStates connections;
    private final Duration readTimeout;
    private final Map<SubscriptionKey, RecordParser> parsers = new ConcurrentHashMap<>();

    /** @param readTimeout longest one read may take, retries and token renewal included */
    public DataverseChangeFeed(DataverseWebApi api, ConnectionStates connections, Duration readTimeout) {
        this.api = api;
        this.connections = connections;
        this.readTimeout = readTimeout;
    }

    @Override
    public FeedResult read(Subscription subscription, FeedRequest request) {
        Optional<URI> orgUrl = connections.orgUrl(subscription.key().connection());
        if (orgUrl.isEmpty()) {
            return new FeedResult.Failed(FeedFailure.TRANSIENT, Duration.ZERO, "the org URL of connection "
                    + subscription.key().connection() + " is not known yet");
        }
        DataverseConnection connection = api.connection(subscription.key().connection(), orgUrl.get());
        Outcome<RecordParser> parser = parser(subscription, connection);
        if (parser instanceof Outcome.Failure<RecordParser> failure) {
            return failed(request, failure.cast());
        }
        Outcome<RecordPage> outcome = send(subscription, ((Outcome.Success<RecordParser>) parser).value(), connection,
                request).block(readTimeout);
        if (outcome instanceof Outcome.Success<RecordPage> success) {
            return page(success.value());
        }
        return failed(request, (Outcome.Failure<RecordPage>) outcome);
    }

    private Mono<Outcome<RecordPage>> send(Subscription subscription, RecordParser parser,
                                           DataverseConnection connection, FeedRequest request) {
        boolean tracking = subscription.strategy() == Strategy.CHANGE_TRACKING;
        // Same options on every page of a read (reference §1.3); annotations bring lookup targets and labels.
        ReadOptions options = new ReadOptions(subscription.pageSize(), tracking, "*");
        String entitySet = parser.table().entitySetName();
        if (request instanceof FeedRequest.FullSync) {
            return connection.query(parser, Query.of(entitySet).select(columns(subscription, parser.table())), options);
        }
        if (request instanceof FeedRequest.NextPage next) {
            return connection.page(parser, new NextLink(next.link().toString()), options);
        }
        if (request instanceof FeedRequest.Snapshot snapshot) {
            // A plain read beside the change tracking: primary-key order, pages keyed by the last row (§1.3).
            ReadOptions plain = new ReadOptions(subscription.pageSize(), false, "*");
            return snapshot.next() == null
                    ? connection.query(parser, Query.of(entitySet).select(columns(subscription, parser.table())), plain)
                    : connection.page(parser, new NextLink(snapshot.next().toString()), plain);
        }
        if (request instanceof FeedRequest.Delta delta) {
            return connection.changes(parser, delta.link(), options);
        }
        Instant from = ((FeedRequest.ModifiedSince) request).from();
        Query query = Query.of(entitySet).select(columns(subscription, parser.table()))
                .orderBy("modifiedon asc," + parser.table().primaryIdAttribute() + " asc");
        return connection.query(parser, from == null ? query : query.filter("modifiedon ge " + odata(from)), options);
    }

    @Override
    public Optional<FeedTable> table(Subscription subscription) {
        RecordParser known = parsers.get(subscription.key());
        Optional<URI> orgUrl = connections.orgUrl(subscription.key().connection());
        return known == null || orgUrl.isEmpty() ? Optional.empty()
                : Optional.of(new FeedTable(known.table(), orgUrl.get()));
    }

    @Override
    public Optional<ColumnsChange> refreshColumns(Subscription subscription) {
        RecordParser known = parsers.get(subscription.key());
        Optional<URI> orgUrl = connections.orgUrl(subscription.key().connection());
        if (known == null || orgUrl.isEmpty()) {
            return Optional.empty();
        }
        Outcome<TableMetadata> outcome;
        try {
            outcome = api.connection(subscription.key().connection(), orgUrl.get())
                    .refreshedTable(subscription.entity()).block(readTimeout);
        } catch (RuntimeException e) {
            log.debug("metadata of {} not read now: {}", subscription.key(), e.toString());
            return Optional.empty();
        }
        if (!(outcome instanceof Outcome.Success<TableMetadata> success)) {
            return Optional.empty(); // a 404 (the table was deleted) shows in the next read; anything else: later
        }
        ColumnsChange change = ColumnsChange.between(known.table().columns().keySet(), success.value().columns().keySet());
        if (change.none() || known.table().columns().isEmpty()) {
            return Optional.empty(); // a table first read without metadata has no columns to compare with
        }
        parsers.put(subscription.key(), new RecordParser(success.value()));
        return Optional.of(change);
    }

    /** The parser of the table, made from its metadata the first time (a failure to read it is the read's). */
    private Outcome<RecordParser> parser(Subscription subscription, DataverseConnection connection) {
        RecordParser known = parsers.get(subscription.key());
        if (known != null) {
            return new Outcome.Success<>(known);
        }
        Outcome<TableMetadata> outcome = connection.table(subscription.entity()).block(readTimeout);
        TableMetadata table;
        if (outcome instanceof Outcome.Success<TableMetadata> success) {
            table = success.value();
        } else {
            Outcome.Failure<TableMetadata> failure = (Outcome.Failure<TableMetadata>) outcome;
            if (failure.kind() != FailureKind.PERMANENT) {
                return failure.cast();
            }
            log.warn("no metadata for table {} ({}); reading it as entity set {} with untyped columns",
                    subscription.entity(), failure.error().label(), subscription.entitySet());
            table = TableMetadata.minimal(subscription.entity(), subscription.entitySet());
        }
        RecordParser parser = new RecordParser(table);
        parsers.put(subscription.key(), parser);
        return new Outcome.Success<>(parser);
    }

    /** {@code $select}: lookups are selected through their {@code _<column>_value} property (reference §1.1). */
    private static List<String> columns(Subscription subscription, TableMetadata table) {
        if (subscription.columns().isEmpty()) {
            return List.of();
        }
        Set<String> columns = new LinkedHashSet<>();
        for (String column : subscription.columns()) {
            boolean lookup = table.column(column).filter(type -> type == ColumnType.LOOKUP).isPresent();
            columns.add(lookup ? "_" + column + "_value" : column);
        }
        columns.addAll(ALWAYS_SELECTED);
        return new ArrayList<>(columns);
    }

    private static FeedResult.Page page(RecordPage page) {
        List<FeedRow> rows = new ArrayList<>(page.size());
        for (EntityRecord record : page.records()) {
            rows.add(new FeedRow.Upserted(record.id(), etag(record), record.version() < 0 ? null : record.version(),
                    record.instant("createdon").orElse(null), record.instant("modifiedon").orElse(null),
                    record.attributes(), record.formattedValues()));
        }
        page.deletions().forEach(id -> rows.add(new FeedRow.Deleted(id)));
        return new FeedResult.Page(rows, page.nextLink().map(n -> PageLink.of(n.url())),
                page.deltaLink());
    }

    /**
     * The row's {@code @odata.etag}, which every record carries (reference §1.5). Should a response lack it, a
     * 128-bit digest of the row's content stands in: a row then counts as changed when any selected value differs.
     */
    private static String etag(EntityRecord record) {
        if (record.etag() != null) {
            return record.etag();
        }
        String content = record.attributes() + "|" + record.formattedValues();
        return "content:" + UUID.nameUUIDFromBytes(content.getBytes(StandardCharsets.UTF_8));
    }

    private static FeedResult failed(FeedRequest request, Outcome.Failure<?> failure) {
        DataverseError error = failure.error();
        String detail = error.label() + " after " + failure.attempts() + " attempts: " + error.message();
        FeedFailure reason = switch (failure.kind()) {
            case THROTTLED -> FeedFailure.THROTTLED;
            case TRANSIENT -> FeedFailure.TRANSIENT;
            case UNAUTHORIZED -> FeedFailure.UNAUTHORIZED;
            case FULL_SYNC_REQUIRED -> FeedFailure.SYNC_EXPIRED;
            case PERMANENT -> invalidLink(request, error) ? FeedFailure.SYNC_EXPIRED : FeedFailure.PERMANENT;
        };
        return new FeedResult.Failed(reason, error.retryAfter().orElse(Duration.ZERO), detail, error.label());
    }

    /** A 400 for a delta or next link: an invalid or tampered token; a full sync is the way out (reference §2.5). */
    private static boolean invalidLink(FeedRequest request, DataverseError error) {
        return error.status() == 400
                && (request instanceof FeedRequest.Delta || request instanceof FeedRequest.NextPage);
    }

    private static String odata(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
