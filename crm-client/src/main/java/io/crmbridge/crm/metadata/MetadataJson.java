package io.crmbridge.crm.metadata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads {@code EntityDefinitions} responses (reference §1.1): one table with {@code $expand=Attributes}, its
 * {@code ManyToOneRelationships}, and the list of tables with their entity set names.
 */
public final class MetadataJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MetadataJson() {
    }

    /**
     * A table from {@code EntityDefinitions(LogicalName='x')?$expand=Attributes} and, when Dataverse returned them,
     * its many-to-one relationships ({@code null} otherwise: navigation names are then derived from the lookups'
     * targets — {@code <column>_<target>} for multi-target lookups, the schema name for custom tables' lookups,
     * the logical name otherwise, as Dataverse names them).
     */
    public static TableMetadata table(byte[] entity, byte[] manyToOne) {
        JsonNode root = read(entity);
        Map<String, ColumnMetadata> columns = new HashMap<>();
        Map<String, Map<String, String>> navigations = new HashMap<>();
        boolean customTable = root.path("IsCustomEntity").asBoolean(false);
        for (JsonNode attribute : root.path("Attributes")) {
            String name = attribute.path("LogicalName").asString();
            ColumnMetadata column = column(attribute);
            ColumnType type = column.type();
            columns.put(name, column);
            if (type == ColumnType.LOOKUP && manyToOne == null) {
                navigations.put(name, derivedNavigations(attribute, customTable));
            }
        }
        if (manyToOne != null) {
            for (JsonNode relationship : read(manyToOne).path("value")) {
                navigations.computeIfAbsent(relationship.path("ReferencingAttribute").asString(),
                                column -> new LinkedHashMap<>())
                        .put(relationship.path("ReferencedEntity").asString(),
                                relationship.path("ReferencingEntityNavigationPropertyName").asString());
            }
        }
        return new TableMetadata(root.path("LogicalName").asString(), root.path("EntitySetName").asString(),
                root.path("PrimaryIdAttribute").asString(), root.path("ChangeTrackingEnabled").asBoolean(false),
                Map.of(), navigations, columns);
    }

    /**
     * One {@code AttributeMetadata}: its type, and the facts of its subtype that a typed schema needs
     * ({@code Precision}, {@code PrecisionSource}, {@code MinValue}, {@code MaxValue}, {@code DateTimeBehavior},
     * {@code Targets}, {@code MaxLength}, {@code AttributeOf}); a fact the response lacks stays unknown.
     */
    static ColumnMetadata column(JsonNode attribute) {
        String attributeType = attribute.path("AttributeType").asString(null);
        ColumnType type = ColumnType.of(attributeType, attribute.path("AttributeTypeName").path("Value").asString(null));
        DecimalRange decimals = type == ColumnType.DECIMAL || type == ColumnType.MONEY
                ? new DecimalRange(integer(attribute.path("Precision")), integer(attribute.path("PrecisionSource")),
                        number(attribute.path("MinValue")), number(attribute.path("MaxValue")))
                : DecimalRange.unknown();
        DateTimeBehavior behavior = type == ColumnType.DATETIME ? DateTimeBehavior.of(behavior(attribute)) : null;
        List<String> targets = new ArrayList<>();
        attribute.path("Targets").forEach(target -> targets.add(target.asString()));
        return new ColumnMetadata(attribute.path("LogicalName").asString(), type, attributeType,
                attribute.path("AttributeOf").asString(null), decimals, behavior, targets,
                integer(attribute.path("MaxLength")));
    }

    /** {@code DateTimeBehavior} is a complex value ({@code {"Value":"DateOnly"}}); a bare string is read too. */
    private static String behavior(JsonNode attribute) {
        JsonNode behavior = attribute.path("DateTimeBehavior");
        return behavior.isObject() ? behavior.path("Value").asString(null) : behavior.asString(null);
    }

    private static Integer integer(JsonNode node) {
        return node.isIntegralNumber() ? node.asInt() : null;
    }

    private static java.math.BigDecimal number(JsonNode node) {
        return node.isNumber() ? node.decimalValue() : null;
    }

    /** Table logical name → entity set name, from {@code EntityDefinitions?$select=LogicalName,EntitySetName}. */
    public static Map<String, String> entitySets(byte[] body) {
        Map<String, String> sets = new HashMap<>();
        for (JsonNode entity : read(body).path("value")) {
            sets.put(entity.path("LogicalName").asString(), entity.path("EntitySetName").asString());
        }
        return sets;
    }

    /**
     * The tables of {@code EntityDefinitions?$select=LogicalName,EntitySetName,PrimaryIdAttribute,
     * ChangeTrackingEnabled}, without columns; a table without an entity set name (not reachable through the Web
     * API) is left out.
     */
    public static List<TableMetadata> tables(byte[] body) {
        List<TableMetadata> tables = new ArrayList<>();
        for (JsonNode entity : read(body).path("value")) {
            String logicalName = entity.path("LogicalName").asString("");
            String entitySet = entity.path("EntitySetName").asString("");
            if (logicalName.isEmpty() || entitySet.isEmpty()) {
                continue;
            }
            tables.add(new TableMetadata(logicalName, entitySet,
                    entity.path("PrimaryIdAttribute").asString(logicalName + "id"),
                    entity.path("ChangeTrackingEnabled").asBoolean(false), Map.of(), Map.of()));
        }
        return tables;
    }

    private static Map<String, String> derivedNavigations(JsonNode attribute, boolean customTable) {
        Map<String, String> byTarget = new LinkedHashMap<>();
        String name = attribute.path("LogicalName").asString();
        JsonNode targets = attribute.path("Targets");
        boolean custom = attribute.path("IsCustomAttribute").asBoolean(customTable);
        for (JsonNode target : targets) {
            String table = target.asString();
            byTarget.put(table, targets.size() > 1 ? name + "_" + table
                    : custom ? attribute.path("SchemaName").asString(name) : name);
        }
        return byTarget;
    }

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("unreadable metadata: " + e.getOriginalMessage(), e);
        }
    }
}
