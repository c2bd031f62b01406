package io.crmbridge.crm.webapi;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.governor.Governor;
import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.crm.record.DeltaLink;
import io.crmbridge.crm.record.EntityRecord;
import io.crmbridge.crm.record.NextLink;
import io.crmbridge.crm.record.RecordPage;
import io.crmbridge.crm.record.RecordParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Web API of one connection (one org URL, one token source, one {@link Governor}); from
 * {@link DataverseWebApi#connection}. Every call is non-blocking, paced by the governor, retried as
 * {@link io.crmbridge.crm.failure.FailureClassification} decides, re-authenticated once on 401, and ends in an
 * {@link Outcome}.
 *
 * <p>Reading a table with change tracking:
 * <pre>{@code
 * RecordParser parser = new RecordParser(connection.table("account").block().orElseThrow());
 * ReadOptions options = ReadOptions.tracking(5000);
 * Outcome<RecordPage> first = connection.query(parser, Query.of("accounts").select("name"), options).block();
 * // ...follow page.nextLink() with connection.page(parser, next, options) until the last page,
 * // keep its deltaLink, later: connection.changes(parser, deltaLink, options)
 * }</pre>
 */
public final class DataverseConnection {

    private final ConnectionId id;
    private final URI orgUrl;
    private final String apiBase;
    private final Governor governor;
    private final Exchange exchange;
    private final EntityDefinitions definitions;

    DataverseConnection(ConnectionId id, URI orgUrl, String apiBase, Governor governor, Exchange exchange,
                        java.time.Duration metadataMaxAge, java.time.Clock clock) {
        this.id = id;
        this.orgUrl = orgUrl;
        this.apiBase = apiBase;
        this.governor = governor;
        this.exchange = exchange;
        this.definitions = new EntityDefinitions(this, metadataMaxAge, clock);
    }

    public ConnectionId id() {
        return id;
    }

    public URI orgUrl() {
        return orgUrl;
    }

    /** The API root, e.g. {@code https://contoso.crm.dynamics.com/api/data/v9.2}. */
    public String apiBase() {
        return apiBase;
    }

    public Governor governor() {
        return governor;
    }

    /** The first page of {@code query}; with {@code options.trackChanges()} the start of a change-tracking sync. */
    public Mono<Outcome<RecordPage>> query(RecordParser parser, Query query, ReadOptions options) {
        return read(parser, query.toUrl(), options);
    }

    /** The page a nextLink points to, requested exactly as given, with the options of the first page. */
    public Mono<Outcome<RecordPage>> page(RecordParser parser, NextLink next, ReadOptions options) {
        return read(parser, next.url(), options);
    }

    /**
     * The changes since {@code delta}: new and updated rows, deletions, and a new deltaLink (on the last page).
     * An expired delta token ends as a {@link io.crmbridge.crm.failure.FailureKind#FULL_SYNC_REQUIRED} failure.
     */
    public Mono<Outcome<RecordPage>> changes(RecordParser parser, DeltaLink delta, ReadOptions options) {
        return read(parser, delta.url(), options.withTracking());
    }

    /**
     * Every page of {@code query} in order, requesting the next page only when the previous one was consumed.
     * A failure is emitted as the last element.
     */
    public Flux<Outcome<RecordPage>> pages(RecordParser parser, Query query, ReadOptions options) {
        return query(parser, query, options).expand(outcome -> outcome instanceof Outcome.Success<RecordPage> page
                && page.value().nextLink().isPresent()
                ? page(parser, page.value().nextLink().get(), options) : Mono.empty());
    }

    /** One row by key ({@code $select} optional); a missing row is a PERMANENT failure with status 404. */
    public Mono<Outcome<EntityRecord>> retrieve(RecordParser parser, RecordAddress row, String... select) {
        String url = select.length == 0 ? row.toUrl()
                : row.toUrl() + "?$select=" + UrlEncoding.encode(String.join(",", select));
        WebApiRequest request = WebApiRequest.get(url).withHeader("Prefer",
                ReadOptions.defaults().prefer());
        return exchange.run(request, WebApiResponse::isSuccess, response -> parser.record(response.body()));
    }

    /** A table's metadata (names, primary key, change tracking, column types, navigations); cached. */
    public Mono<Outcome<TableMetadata>> table(String logicalName) {
        return definitions.table(logicalName);
    }

    /**
     * A table's metadata read now, bypassing the cache and replacing what it kept: for whoever must see a change
     * (a column added, change tracking switched on); later {@link #table} calls answer the fresh metadata.
     */
    public Mono<Outcome<TableMetadata>> refreshedTable(String logicalName) {
        return definitions.refreshedTable(logicalName);
    }

    /**
     * Every table of the org, read now and never cached: logical name, entity set name, primary key and whether
     * change tracking is enabled; no columns (each table's {@link TableMetadata#columns()} is empty).
     */
    public Mono<Outcome<List<TableMetadata>>> tables() {
        return definitions.tables();
    }

    /** Every table's entity set name by logical name, for {@code @odata.bind}; cached. */
    public Mono<Outcome<Map<String, String>>> entitySets() {
        return definitions.entitySets();
    }

    /** Sends a write (see {@link WriteRequests}). */
    public Mono<Outcome<WriteResponse>> write(WebApiRequest request) {
        return exchange.run(request, WebApiResponse::isSuccess, WriteResponse::of);
    }

    /** Sends any request; a 2xx response is the value, anything else a failure. */
    public Mono<Outcome<WebApiResponse>> execute(WebApiRequest request) {
        return exchange.run(request, WebApiResponse::isSuccess, response -> response);
    }

    /**
     * Sends a {@code $batch}. With {@code continueOnError} every request is answered (outer 200); without, the
     * batch stops at the first failure (outer 400, see {@link BatchResponse}). Either way the answer is a
     * {@link Outcome.Success}; failures of the batch request itself (401, 429, 5xx) are retried as usual.
     */
    public Mono<Outcome<BatchResponse>> batch(Batch batch, boolean continueOnError) {
        BatchRequestBody encoded = BatchRequestBody.of(batch, apiBase);
        WebApiRequest request = new WebApiRequest("POST", "$batch", Map.of("Content-Type", encoded.contentType()),
                encoded.body());
        if (continueOnError) {
            request = request.withHeader("Prefer", "odata.continue-on-error");
        }
        Predicate<WebApiResponse> answered = response -> response.isSuccess() || (response.status() == 400
                && response.header("Content-Type").orElse("").toLowerCase().startsWith("multipart/mixed"));
        return exchange.run(request, answered, response -> BatchResponseBody.read(batch, response));
    }

    private Mono<Outcome<RecordPage>> read(RecordParser parser, String url, ReadOptions options) {
        String prefer = options.prefer();
        WebApiRequest request = prefer == null ? WebApiRequest.get(url) : WebApiRequest.get(url)
                .withHeader("Prefer", prefer);
        return exchange.run(request, WebApiResponse::isSuccess, response -> parser.page(response.body()));
    }
}
