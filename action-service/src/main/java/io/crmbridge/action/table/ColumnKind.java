package io.crmbridge.action.table;

/** The kinds of column a write can set, as far as checking a command's values against them goes. */
public enum ColumnKind {
    TEXT, INTEGER, BIGINT, DECIMAL, MONEY, DOUBLE, BOOLEAN, DATETIME, CHOICE, MULTI_CHOICE, LOOKUP,
    UNIQUEIDENTIFIER,
    /** Anything else (image, file, entity name...): values are passed through unchecked. */
    OTHER
}
