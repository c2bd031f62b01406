package io.crmbridge.crm.metadata;

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

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
