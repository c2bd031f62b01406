package io.crmbridge.crm.record;

import io.crmbridge.crm.metadata.ColumnType;
import io.crmbridge.crm.metadata.TableMetadata;

/**
 * What a JSON property name of a record means, worked out once per distinct name and cached: property names
 * repeat on every row of a page, so no row pays for splitting annotations or looking up column types.
 *
 * @param kind     what the property is
 * @param column   the column it belongs to: the logical name for values and their annotations, with lookups
 *                 named by column ({@code primarycontactid} for {@code _primarycontactid_value})
 * @param property the property an annotation annotates ({@code _primarycontactid_value}); else the name itself
 * @param type     the column type the metadata names, null when unknown
 */
record Property(Kind kind, String column, String property, ColumnType type) {

    static final String FORMATTED_VALUE = "OData.Community.Display.V1.FormattedValue";
    static final String LOOKUP_LOGICAL_NAME = "Microsoft.Dynamics.CRM.lookuplogicalname";

    enum Kind { VALUE, LOOKUP_VALUE, FORMATTED, LOOKUP_TARGET, ETAG, CONTEXT, IGNORED }

    static Property of(String name, TableMetadata table) {
        int at = name.indexOf('@');
        if (at == 0) {
            return switch (name) {
                case "@odata.etag" -> new Property(Kind.ETAG, null, name, null);
                case "@odata.context" -> new Property(Kind.CONTEXT, null, name, null);
                default -> new Property(Kind.IGNORED, null, name, null);
            };
        }
        if (at > 0) {
            String annotated = name.substring(0, at);
            String term = name.substring(at + 1);
            Kind kind = term.equals(FORMATTED_VALUE) ? Kind.FORMATTED
                    : term.equals(LOOKUP_LOGICAL_NAME) ? Kind.LOOKUP_TARGET : Kind.IGNORED;
            return new Property(kind, columnOf(annotated), annotated, null);
        }
        if (isLookupProperty(name)) {
            return new Property(Kind.LOOKUP_VALUE, columnOf(name), name, ColumnType.LOOKUP);
        }
        return new Property(Kind.VALUE, name, name, table.column(name).orElse(null));
    }

    /** {@code _x_value} is how the Web API returns lookup column {@code x}. */
    static boolean isLookupProperty(String name) {
        return name.length() > 7 && name.charAt(0) == '_' && name.endsWith("_value");
    }

    private static String columnOf(String property) {
        return isLookupProperty(property) ? property.substring(1, property.length() - "_value".length()) : property;
    }
}
