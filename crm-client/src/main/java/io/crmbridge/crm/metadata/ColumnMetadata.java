package io.crmbridge.crm.metadata;

import java.util.List;
import java.util.Objects;

/**
 * What the metadata says of one column ({@code AttributeMetadata} and its typed subtypes), beyond its
 * {@link ColumnType}: enough to give it an exact typed schema.
 *
 * @param logicalName   the column's logical name
 * @param type          the type the client tells apart
 * @param attributeType Dataverse's {@code AttributeType} as written ({@code Memo}, {@code Owner}, {@code EntityName},
 *                      {@code Virtual}...); null when not known
 * @param attributeOf   {@code AttributeOf}: the column this one is derived from (e.g. {@code primarycontactidname}
 *                      of {@code primarycontactid}); null for a column of its own
 * @param decimals      Decimal and Money columns: their precision and range; {@link DecimalRange#unknown()} otherwise
 * @param behavior      Date and Time columns: their behaviour; {@link DateTimeBehavior#USER_LOCAL} otherwise or when
 *                      not known
 * @param targets       Lookup, Customer and Owner columns: the tables they may point to ({@code Targets}), in the
 *                      metadata's order; empty otherwise or when not known
 * @param maxLength     String and Memo columns: {@code MaxLength}; null otherwise or when not known
 */
public record ColumnMetadata(String logicalName, ColumnType type, String attributeType, String attributeOf,
                             DecimalRange decimals, DateTimeBehavior behavior, List<String> targets,
                             Integer maxLength) {

    public ColumnMetadata {
        Objects.requireNonNull(logicalName, "logicalName");
        Objects.requireNonNull(type, "type");
        decimals = decimals == null ? DecimalRange.unknown() : decimals;
        behavior = behavior == null ? DateTimeBehavior.USER_LOCAL : behavior;
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /** A column known only by its type: every other fact takes its documented default. */
    public static ColumnMetadata of(String logicalName, ColumnType type) {
        return new ColumnMetadata(logicalName, type, null, null, null, null, List.of(), null);
    }

    /** A Decimal or Money column with what its metadata says of its numbers. */
    public static ColumnMetadata decimal(String logicalName, ColumnType type, DecimalRange decimals) {
        return new ColumnMetadata(logicalName, type, null, null, decimals, null, List.of(), null);
    }

    /** A Date and Time column with its behaviour. */
    public static ColumnMetadata dateTime(String logicalName, DateTimeBehavior behavior) {
        return new ColumnMetadata(logicalName, ColumnType.DATETIME, "DateTime", null, null, behavior, List.of(), null);
    }

    /** A lookup column ({@code Lookup}, {@code Customer} or {@code Owner}) and the tables it may point to. */
    public static ColumnMetadata lookup(String logicalName, String attributeType, List<String> targets) {
        return new ColumnMetadata(logicalName, ColumnType.LOOKUP, attributeType, null, null, null, targets, null);
    }

    /** Digits after the point of this Decimal or Money column's values (see {@link DecimalRange}). */
    public int scale() {
        return decimals.scale(type);
    }

    /** All digits this Decimal or Money column's values may have (see {@link DecimalRange}). */
    public int totalDigits() {
        return decimals.totalDigits(type);
    }

    /** Whether values are calendar dates without time or zone ({@code DateTimeBehavior} {@code DateOnly}). */
    public boolean dateOnly() {
        return type == ColumnType.DATETIME && behavior == DateTimeBehavior.DATE_ONLY;
    }

    /** Whether this column only mirrors another ({@code AttributeOf}), like the name column of a lookup. */
    public boolean derived() {
        return attributeOf != null && !attributeOf.isEmpty();
    }
}
