package io.crmbridge.sandbox.dataverse;

/**
 * Dataverse column types the sandbox models, with the names its metadata ({@code AttributeType},
 * {@code AttributeTypeName}) and OData ({@code Edm.*}) use for them.
 */
enum ColumnType {
    UNIQUEIDENTIFIER("Uniqueidentifier", "UniqueidentifierType", "Edm.Guid"),
    STRING("String", "StringType", "Edm.String"),
    MEMO("Memo", "MemoType", "Edm.String"),
    INTEGER("Integer", "IntegerType", "Edm.Int32"),
    BIGINT("BigInt", "BigIntType", "Edm.Int64"),
    DECIMAL("Decimal", "DecimalType", "Edm.Decimal"),
    MONEY("Money", "MoneyType", "Edm.Decimal"),
    DOUBLE("Double", "DoubleType", "Edm.Double"),
    BOOLEAN("Boolean", "BooleanType", "Edm.Boolean"),
    DATETIME("DateTime", "DateTimeType", "Edm.DateTimeOffset"),
    CHOICE("Picklist", "PicklistType", "Edm.Int32"),
    STATE("State", "StateType", "Edm.Int32"),
    STATUS("Status", "StatusType", "Edm.Int32"),
    MULTI_CHOICE("Virtual", "MultiSelectPicklistType", "Edm.String"),
    LOOKUP("Lookup", "LookupType", "Edm.Guid"),
    CUSTOMER("Customer", "CustomerType", "Edm.Guid");

    private final String attributeType;
    private final String attributeTypeName;
    private final String edmType;

    ColumnType(String attributeType, String attributeTypeName, String edmType) {
        this.attributeType = attributeType;
        this.attributeTypeName = attributeTypeName;
        this.edmType = edmType;
    }

    String attributeType() {
        return attributeType;
    }

    String attributeTypeName() {
        return attributeTypeName;
    }

    String edmType() {
        return edmType;
    }

    boolean isLookup() {
        return this == LOOKUP || this == CUSTOMER;
    }

    boolean isChoice() {
        return this == CHOICE || this == STATE || this == STATUS;
    }

    boolean isText() {
        return this == STRING || this == MEMO;
    }
}
