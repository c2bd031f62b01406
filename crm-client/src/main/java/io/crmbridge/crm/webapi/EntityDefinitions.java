package io.crmbridge.crm.webapi;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.crm.metadata.MetadataJson;
import io.crmbridge.crm.metadata.TableMetadata;
import reactor.core.publisher.Mono;

/**
 * Table metadata of one org, read from {@code EntityDefinitions} once and kept: tables change rarely, and every
 * parser and writer needs them. Failures are not kept, so the next call asks again. Whoever must see a change of
 * the metadata (a table added, change tracking switched on) asks anew: {@link #tables()} is never cached, and
 * {@link #refreshedTable} replaces what is kept of one table.
 */
final class EntityDefinitions {

    private static final String TABLE_SELECT = "$select=LogicalName,EntitySetName,PrimaryIdAttribute,"
            + "ChangeTrackingEnabled,IsCustomEntity&$expand=Attributes";
    private static final String LIST_SELECT = "$select=LogicalName,EntitySetName,PrimaryIdAttribute,"
            + "ChangeTrackingEnabled";
    private static final String RELATIONSHIP_SELECT = "$select=ReferencingAttribute,ReferencedEntity,"
            + "ReferencingEntityNavigationPropertyName";

    private final DataverseConnection connection;
    private final Map<String, Mono<Outcome<TableMetadata>>> tables = new ConcurrentHashMap<>();
    private volatile Mono<Outcome<Map<String, String>>> entitySets;

    EntityDefinitions(DataverseConnection connection) {
        this.connection = connection;
    }

    Mono<Outcome<TableMetadata>> table(String logicalName) {
        return tables.computeIfAbsent(logicalName, name -> cachedOnSuccess(fetchTable(name),
                () -> tables.remove(name)));
    }

    /** Every table of the org, read now (names and change tracking; no columns); not cached. */
    Mono<Outcome<List<TableMetadata>>> tables() {
        return connection.execute(WebApiRequest.get("EntityDefinitions?" + LIST_SELECT))
                .map(outcome -> outcome.map(response -> MetadataJson.tables(response.body())));
    }

    /** One table's metadata read now, replacing what was kept of it (a failure keeps nothing). */
    Mono<Outcome<TableMetadata>> refreshedTable(String logicalName) {
        Mono<Outcome<TableMetadata>> fresh = cachedOnSuccess(fetchTable(logicalName),
                () -> tables.remove(logicalName));
        tables.put(logicalName, fresh);
        return fresh;
    }

    Mono<Outcome<Map<String, String>>> entitySets() {
        Mono<Outcome<Map<String, String>>> cached = entitySets;
        if (cached == null) {
            cached = cachedOnSuccess(connection.execute(WebApiRequest.get(
                            "EntityDefinitions?$select=LogicalName,EntitySetName"))
                    .map(outcome -> outcome.map(response -> MetadataJson.entitySets(response.body()))),
                    () -> entitySets = null);
            entitySets = cached;
        }
        return cached;
    }

    private Mono<Outcome<TableMetadata>> fetchTable(String logicalName) {
        String key = "EntityDefinitions(LogicalName='" + logicalName.replace("'", "''") + "')";
        Mono<Outcome<WebApiResponse>> entity = connection.execute(WebApiRequest.get(key + "?" + TABLE_SELECT));
        Mono<Outcome<WebApiResponse>> relationships = connection.execute(WebApiRequest.get(
                key + "/ManyToOneRelationships?" + RELATIONSHIP_SELECT));
        return entity.flatMap(table -> {
            if (!(table instanceof Outcome.Success<WebApiResponse> found)) {
                return Mono.just(((Outcome.Failure<WebApiResponse>) table).cast());
            }
            // Older or partial implementations lack the relationships: navigation names are derived then.
            return relationships.map(outcome -> new Outcome.Success<>(MetadataJson.table(found.value().body(),
                    outcome instanceof Outcome.Success<WebApiResponse> many ? many.value().body() : null)));
        });
    }

    private static <T> Mono<Outcome<T>> cachedOnSuccess(Mono<Outcome<T>> fetch, Runnable forget) {
        return fetch.doOnNext(outcome -> {
            if (!outcome.succeeded()) {
                forget.run();
            }
        }).doOnError(error -> forget.run()).cache();
    }
}
