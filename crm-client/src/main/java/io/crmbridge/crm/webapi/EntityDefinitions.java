package io.crmbridge.crm.webapi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.crm.metadata.MetadataJson;
import io.crmbridge.crm.metadata.TableMetadata;
import reactor.core.publisher.Mono;

/**
 * Table metadata of one org, read from {@code EntityDefinitions} once and kept: tables change rarely, and every
 * parser and writer needs them. Failures are not kept, so the next call asks again.
 */
final class EntityDefinitions {

    private static final String TABLE_SELECT = "$select=LogicalName,EntitySetName,PrimaryIdAttribute,"
            + "ChangeTrackingEnabled,IsCustomEntity&$expand=Attributes";
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
