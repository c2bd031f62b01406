package io.crmbridge.crm.metadata;

import java.util.Locale;

/**
 * The column types the client tells apart, from Dataverse's {@code AttributeType} / {@code AttributeTypeName}
 * metadata. They decide which Avro {@code AttributeValue} member a value becomes.
 */
public enum ColumnType {
    TEXT, INTEGER, BIGINT, DECIMAL, MONEY, DOUBLE, BOOLEAN, DATETIME, CHOICE, MULTI_CHOICE, LOOKUP, UNIQUEIDENTIFIER,
    /** Anything else (image, file, entity name, partylist...): read as its JSON type. */
    OTHER;

    /**
     * The type of a column whose metadata says {@code attributeType} (e.g. {@code Picklist}) and
     * {@code attributeTypeName} (e.g. {@code MultiSelectPicklistType}; may be null).
     */
    public static ColumnType of(String attributeType, String attributeTypeName) {
        if (attributeTypeName != null && attributeTypeName.equalsIgnoreCase("MultiSelectPicklistType")) {
            return MULTI_CHOICE;
        }
        return switch (attributeType == null ? "" : attributeType.toLowerCase(Locale.ROOT)) {
            case "string", "memo" -> TEXT;
            case "integer" -> INTEGER;
            case "bigint" -> BIGINT;
            case "decimal" -> DECIMAL;
            case "money" -> MONEY;
            case "double" -> DOUBLE;
            case "boolean" -> BOOLEAN;
            case "datetime" -> DATETIME;
            case "picklist", "state", "status" -> CHOICE;
            case "lookup", "customer", "owner" -> LOOKUP;
            case "uniqueidentifier" -> UNIQUEIDENTIFIER;
            default -> OTHER;
        };
    }
}
