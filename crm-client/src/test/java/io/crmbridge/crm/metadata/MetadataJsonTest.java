package io.crmbridge.crm.metadata;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class MetadataJsonTest {

    private static final String OPPORTUNITY = """
            {"LogicalName":"opportunity","EntitySetName":"opportunities","PrimaryIdAttribute":"opportunityid",
             "ChangeTrackingEnabled":true,"IsCustomEntity":false,
             "Attributes":[
               {"LogicalName":"opportunityid","AttributeType":"Uniqueidentifier"},
               {"LogicalName":"name","AttributeType":"String","AttributeTypeName":{"Value":"StringType"}},
               {"LogicalName":"estimatedvalue","AttributeType":"Money"},
               {"LogicalName":"statuscode","AttributeType":"Status"},
               {"LogicalName":"regions","AttributeType":"Virtual","AttributeTypeName":{"Value":"MultiSelectPicklistType"}},
               {"LogicalName":"customerid","SchemaName":"CustomerId","AttributeType":"Customer","Targets":["account","contact"]},
               {"LogicalName":"parentaccountid","SchemaName":"ParentAccountId","AttributeType":"Lookup","Targets":["account"]}
             ]}""";

    @Test
    void readsNamesTypesAndDerivesNavigationsWithoutRelationships() {
        TableMetadata table = MetadataJson.table(bytes(OPPORTUNITY), null);

        assertThat(table.entitySetName()).isEqualTo("opportunities");
        assertThat(table.primaryIdAttribute()).isEqualTo("opportunityid");
        assertThat(table.changeTrackingEnabled()).isTrue();
        assertThat(table.column("estimatedvalue")).contains(ColumnType.MONEY);
        assertThat(table.column("statuscode")).contains(ColumnType.CHOICE);
        assertThat(table.column("regions")).contains(ColumnType.MULTI_CHOICE);
        assertThat(table.navigationFor("customerid", "contact")).isEqualTo("customerid_contact");
        assertThat(table.navigationFor("parentaccountid", "account")).isEqualTo("parentaccountid");
    }

    @Test
    void takesNavigationsFromManyToOneRelationshipsWhenThereAreSome() {
        TableMetadata table = MetadataJson.table(bytes(OPPORTUNITY), bytes("""
                {"value":[{"ReferencingAttribute":"customerid","ReferencedEntity":"account",
                           "ReferencingEntityNavigationPropertyName":"customerid_account"},
                          {"ReferencingAttribute":"ownerid","ReferencedEntity":"owner",
                           "ReferencingEntityNavigationPropertyName":"ownerid"}]}"""));

        assertThat(table.navigationFor("customerid", "account")).isEqualTo("customerid_account");
        assertThat(table.navigationFor("ownerid", "systemuser")).isEqualTo("ownerid");
    }

    @Test
    void usesTheSchemaNameForLookupsOfCustomTables() {
        TableMetadata table = MetadataJson.table(bytes("""
                {"LogicalName":"cr123_project","EntitySetName":"cr123_projects","PrimaryIdAttribute":"cr123_projectid",
                 "IsCustomEntity":true,"Attributes":[{"LogicalName":"cr123_accountid","SchemaName":"cr123_AccountId",
                 "AttributeType":"Lookup","Targets":["account"]}]}"""), null);

        assertThat(table.navigationFor("cr123_accountid", "account")).isEqualTo("cr123_AccountId");
    }

    @Test
    void readsEntitySetNames() {
        assertThat(MetadataJson.entitySets(bytes("""
                {"value":[{"LogicalName":"account","EntitySetName":"accounts"},
                          {"LogicalName":"opportunity","EntitySetName":"opportunities"}]}""")))
                .isEqualTo(Map.of("account", "accounts", "opportunity", "opportunities"));
    }

    @Test
    void readsTheListOfTablesWithTheirChangeTrackingAndLeavesOutTablesWithoutAnEntitySet() {
        List<TableMetadata> tables = MetadataJson.tables(bytes("""
                {"value":[
                  {"LogicalName":"account","EntitySetName":"accounts","PrimaryIdAttribute":"accountid",
                   "ChangeTrackingEnabled":true},
                  {"LogicalName":"lead","EntitySetName":"leads","PrimaryIdAttribute":"leadid",
                   "ChangeTrackingEnabled":false},
                  {"LogicalName":"msdyn_internal","EntitySetName":null,"ChangeTrackingEnabled":false}
                ]}"""));

        assertThat(tables).extracting(TableMetadata::logicalName, TableMetadata::entitySetName,
                        TableMetadata::changeTrackingEnabled)
                .containsExactly(tuple("account", "accounts", true), tuple("lead", "leads", false));
        assertThat(tables.get(0).columns()).as("the list names no columns").isEmpty();
    }

    private static final String PROJECT = """
            {"LogicalName":"cr123_project","EntitySetName":"cr123_projects","PrimaryIdAttribute":"cr123_projectid",
             "IsCustomEntity":true,
             "Attributes":[
               {"LogicalName":"cr123_name","AttributeType":"String","MaxLength":100},
               {"LogicalName":"cr123_budget","AttributeType":"Money","Precision":2,"PrecisionSource":2,
                "MinValue":-922337203685477,"MaxValue":922337203685477},
               {"LogicalName":"cr123_fee","AttributeType":"Money","Precision":2,"PrecisionSource":0,
                "MinValue":0,"MaxValue":1000000},
               {"LogicalName":"cr123_discountrate","AttributeType":"Decimal","Precision":4,
                "MinValue":-100,"MaxValue":100},
               {"LogicalName":"cr123_ratio","AttributeType":"Decimal"},
               {"LogicalName":"cr123_startdate","AttributeType":"DateTime","Format":"DateOnly",
                "DateTimeBehavior":{"Value":"DateOnly"}},
               {"LogicalName":"cr123_due","AttributeType":"DateTime","Format":"DateOnly",
                "DateTimeBehavior":{"Value":"UserLocal"}},
               {"LogicalName":"cr123_stamp","AttributeType":"DateTime"},
               {"LogicalName":"ownerid","AttributeType":"Owner","Targets":["systemuser","team"]},
               {"LogicalName":"owneridname","AttributeType":"String","AttributeOf":"ownerid"},
               {"LogicalName":"cr123_accountid","SchemaName":"cr123_AccountId","AttributeType":"Lookup",
                "Targets":["account"]}
             ]}""";

    @Test
    void readsWhatATypedSchemaNeedsOfEachColumn() {
        TableMetadata table = MetadataJson.table(bytes(PROJECT), null);

        ColumnMetadata budget = table.describe("cr123_budget").orElseThrow();
        assertThat(budget.decimals()).isEqualTo(new DecimalRange(2, 2, new BigDecimal("-922337203685477"),
                new BigDecimal("922337203685477")));
        assertThat(table.describe("cr123_discountrate").orElseThrow().decimals().precision()).isEqualTo(4);
        assertThat(table.describe("cr123_name").orElseThrow().maxLength()).isEqualTo(100);
        assertThat(table.describe("ownerid").orElseThrow().targets()).containsExactly("systemuser", "team");
        assertThat(table.describe("ownerid").orElseThrow().attributeType()).isEqualTo("Owner");
        assertThat(table.describe("owneridname").orElseThrow().derived()).isTrue();
        assertThat(table.describe("cr123_accountid").orElseThrow().derived()).isFalse();
        assertThat(table.column("cr123_budget")).as("column(name) still gives the type").contains(ColumnType.MONEY);
    }

    @Test
    void givesMoneyTheColumnsScaleOnlyWhenItsPrecisionIsItsOwn() {
        TableMetadata table = MetadataJson.table(bytes(PROJECT), null);

        assertThat(table.describe("cr123_fee").orElseThrow()).extracting(ColumnMetadata::scale,
                ColumnMetadata::totalDigits).as("precision source 0, range 0..1,000,000").containsExactly(2, 9);
        assertThat(table.describe("cr123_budget").orElseThrow()).extracting(ColumnMetadata::scale,
                ColumnMetadata::totalDigits).as("currency precision: the most a currency has")
                .containsExactly(4, 19);
    }

    @Test
    void givesDecimalsThePrecisionTheirMetadataNamesOrTheWidestDefault() {
        TableMetadata table = MetadataJson.table(bytes(PROJECT), null);

        assertThat(table.describe("cr123_discountrate").orElseThrow()).extracting(ColumnMetadata::scale,
                ColumnMetadata::totalDigits).containsExactly(4, 7);
        assertThat(table.describe("cr123_ratio").orElseThrow()).extracting(ColumnMetadata::scale,
                ColumnMetadata::totalDigits).as("nothing known: scale 10, 12 integer digits").containsExactly(10, 22);
    }

    @Test
    void tellsDateOnlyColumnsByTheirBehaviourNotTheirFormat() {
        TableMetadata table = MetadataJson.table(bytes(PROJECT), null);

        assertThat(table.describe("cr123_startdate").orElseThrow().dateOnly()).isTrue();
        assertThat(table.describe("cr123_due").orElseThrow().dateOnly())
                .as("User Local shown as a date still holds instants").isFalse();
        assertThat(table.describe("cr123_stamp").orElseThrow().behavior())
                .as("no behaviour given").isEqualTo(DateTimeBehavior.USER_LOCAL);
    }

    @Test
    void keepsColumnsInLogicalNameOrder() {
        TableMetadata table = MetadataJson.table(bytes(PROJECT), null);

        assertThat(table.describedColumns()).extracting(ColumnMetadata::logicalName).isSorted();
        assertThat(List.copyOf(table.columns().keySet())).isSorted();
    }

    @Test
    void describesColumnsOfTablesBuiltFromTypesAlone() {
        TableMetadata table = new TableMetadata("account", "accounts", "accountid", true,
                Map.of("revenue", ColumnType.MONEY), Map.of());

        assertThat(table.describe("revenue")).contains(ColumnMetadata.of("revenue", ColumnType.MONEY));
        assertThat(table.describe("revenue").orElseThrow().scale()).isEqualTo(4);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
