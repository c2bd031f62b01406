package io.crmbridge.sandbox.dataverse;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Table definitions as the Web API describes them: EntityMetadata (names, primary columns, change tracking),
 * AttributeMetadata (type, length, precision and range, date behaviour, targets, options) and EntityKeyMetadata.
 */
final class MetadataJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MetadataJson() {
    }

    static ObjectNode entity(TableDefinition table) {
        ObjectNode entity = NODES.objectNode();
        entity.put("MetadataId", table.metadataId().toString());
        entity.put("LogicalName", table.logicalName());
        entity.put("SchemaName", table.schemaName());
        entity.put("EntitySetName", table.entitySetName());
        entity.put("LogicalCollectionName", table.entitySetName());
        entity.put("PrimaryIdAttribute", table.primaryIdName());
        entity.put("PrimaryNameAttribute", table.primaryNameName());
        entity.put("ChangeTrackingEnabled", table.changeTracking());
        entity.put("IsCustomEntity", table.logicalName().contains("_"));
        entity.put("IsOptimisticConcurrencyEnabled", true);
        ObjectNode canTrack = entity.putObject("CanChangeTrackingBeEnabled");
        canTrack.put("Value", true);
        canTrack.put("CanBeChanged", !table.changeTracking());
        canTrack.put("ManagedPropertyLogicalName", "canchangetrackingbeenabled");
        return entity;
    }

    static List<ObjectNode> attributes(TableDefinition table) {
        List<ObjectNode> attributes = new ArrayList<>();
        for (int i : table.liveColumns()) {
            attributes.add(attribute(table, table.column(i)));
        }
        return attributes;
    }

    private static ObjectNode attribute(TableDefinition table, Column column) {
        ObjectNode attribute = NODES.objectNode();
        String typeName = column.type().attributeTypeName();
        attribute.put("@odata.type", "#Microsoft.Dynamics.CRM." + typeName.replace("Type", "") + "AttributeMetadata");
        attribute.put("MetadataId", UUID.nameUUIDFromBytes((table.logicalName() + "." + column.logicalName())
                .getBytes()).toString());
        attribute.put("LogicalName", column.logicalName());
        attribute.put("SchemaName", column.schemaName());
        attribute.put("EntityLogicalName", table.logicalName());
        attribute.put("AttributeType", column.type().attributeType());
        attribute.putObject("AttributeTypeName").put("Value", typeName);
        attribute.put("IsPrimaryId", column.logicalName().equals(table.primaryIdName()));
        attribute.put("IsPrimaryName", column.logicalName().equals(table.primaryNameName()));
        attribute.put("IsValidForCreate", column.writable());
        attribute.put("IsValidForUpdate", column.writable() && !column.logicalName().equals(table.primaryIdName()));
        if (column.type().isText()) {
            attribute.put("MaxLength", column.maxLength());
        }
        if (column.type() == ColumnType.DECIMAL || column.type() == ColumnType.MONEY) {
            attribute.put("Precision", column.precision());
            // Dataverse's widest ranges, which are the defaults of new columns.
            boolean money = column.type() == ColumnType.MONEY;
            attribute.put("MinValue", money ? -922337203685477L : -100000000000L);
            attribute.put("MaxValue", money ? 922337203685477L : 100000000000L);
        }
        if (column.type() == ColumnType.MONEY) {
            // 2: the currency's precision, the default of standard and new currency columns; the sandbox's one
            // currency has two decimals, which is the column's Precision.
            attribute.put("PrecisionSource", 2);
        }
        if (column.type() == ColumnType.DATETIME) {
            // The sandbox keeps every Date and Time column as an instant: behaviour User Local, format date and time.
            attribute.putObject("DateTimeBehavior").put("Value", "UserLocal");
            attribute.put("Format", "DateAndTime");
        }
        if (column.type().isLookup()) {
            ArrayNode targets = attribute.putArray("Targets");
            column.targets().forEach(target -> targets.add(target.table()));
        }
        if (!column.options().isEmpty()) {
            ArrayNode options = attribute.putObject("OptionSet").putArray("Options");
            column.options().forEach((value, label) -> {
                ObjectNode option = options.addObject();
                option.put("Value", value);
                ObjectNode localized = option.putObject("Label").putObject("UserLocalizedLabel");
                localized.put("Label", label);
                localized.put("LanguageCode", 1033);
            });
        }
        return attribute;
    }

    static List<ObjectNode> keys(TableDefinition table) {
        List<ObjectNode> keys = new ArrayList<>();
        for (AlternateKey key : table.keys()) {
            ObjectNode node = NODES.objectNode();
            node.put("LogicalName", key.schemaName().toLowerCase());
            node.put("SchemaName", key.schemaName());
            node.put("EntityLogicalName", table.logicalName());
            ArrayNode attributes = node.putArray("KeyAttributes");
            key.columns().forEach(attributes::add);
            node.put("EntityKeyIndexStatus", "Active");
            keys.add(node);
        }
        return keys;
    }
}
