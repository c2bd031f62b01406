package io.crmbridge.crm.webapi;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.crm.metadata.MetadataJson;
import io.crmbridge.crm.metadata.TableMetadata;
import reactor.core.publisher.Mono;

/**
 * Table metadata of one org, read from {@code EntityDefinitions} and kept for {@code maxAge}: tables change rarely,
 * and every parser and writer needs them. Failures are not kept, so the next call asks again; an entry older than
 * {@code maxAge} is read again on next use, and if that fails the old entry is served ({@link KeptRead}). Whoever
 * must see a change of the metadata at once (a table added, change tracking switched on) asks anew:
 * {@link #tables()} is never cached, and {@link #refreshedTable} replaces what is kept of one table.
 */
final class EntityDefinitions {

    private static final String TABLE_SELECT = "$select=LogicalName,EntitySetName,PrimaryIdAttribute,"
            + "ChangeTrackingEnabled,IsCustomEntity&$expand=Attributes";
    private static final String LIST_SELECT = "$select=LogicalName,EntitySetName,PrimaryIdAttribute,"
            + "ChangeTrackingEnabled";
    private static final String RELATIONSHIP_SELECT = "$select=ReferencingAttribute,ReferencedEntity,"
            + "ReferencingEntityNavigationPropertyName";

    private final DataverseConnection connection;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, KeptRead<TableMetadata>> tables = new ConcurrentHashMap<>();
    private final KeptRead<Map<String, String>> entitySets;

    EntityDefinitions(DataverseConnection connection, Duration maxAge, Clock clock) {
        this.connection = connection;
        this.maxAge = maxAge;
        this.clock = clock;
        this.entitySets = new KeptRead<>("the entity set names", () -> connection.execute(WebApiRequest.get(
                        "EntityDefinitions?$select=LogicalName,EntitySetName"))
                .map(outcome -> outcome.map(response -> MetadataJson.entitySets(response.body()))), maxAge, clock);
    }

    Mono<Outcome<TableMetadata>> table(String logicalName) {
        return kept(logicalName).get();
    }

    /** Every table of the org, read now (names and change tracking; no columns); not cached. */
    Mono<Outcome<List<TableMetadata>>> tables() {
        return connection.execute(WebApiRequest.get("EntityDefinitions?" + LIST_SELECT))
                .map(outcome -> outcome.map(response -> MetadataJson.tables(response.body())));
    }

    /** One table's metadata read now, replacing what was kept of it (a failure keeps nothing). */
    Mono<Outcome<TableMetadata>> refreshedTable(String logicalName) {
        return kept(logicalName).readNow();
    }

    Mono<Outcome<Map<String, String>>> entitySets() {
        return entitySets.get();
    }

    private KeptRead<TableMetadata> kept(String logicalName) {
        return tables.computeIfAbsent(logicalName, name -> new KeptRead<>("the metadata of table " + name,
                () -> fetchTable(name), maxAge, clock));
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
}
