package io.crmbridge.action.command;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.action.table.InMemoryTables;
import io.crmbridge.action.table.TableLookup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandValidationTest {

    private final InMemoryTables tables = InMemoryTables.standard();
    private final CommandValidation validation = new CommandValidation(tables, 1_000);

    @Test
    void derivesTheIdOfACreateWithoutTargetFromItsCommandId() {
        Write write = valid(Commands.create().commandId("cmd-1"));

        assertThat(write.address()).isEqualTo(new RowAddress.ById(
                UUID.fromString("0dd612b9-7925-547b-8061-36fc0a21a681"), true));
        assertThat(write.table().entitySetName()).isEqualTo("accounts");
    }

    @Test
    void keepsTheClientSuppliedIdOfACreate() {
        Write write = valid(Commands.create().target(Target.byId(Commands.ACCOUNT_ID)));

        assertThat(write.address()).isEqualTo(new RowAddress.ById(UUID.fromString(Commands.ACCOUNT_ID), false));
    }

    @Test
    void resolvesLookupsToTheEntitySetOfTheReferencedTable() {
        Write write = valid(Commands.create().entity("contact").attributes(Map.of())
                .lookups(Map.of("parentcustomerid_account", new RecordReference("account", Commands.ACCOUNT_ID))));

        assertThat(write.binds()).containsEntry("parentcustomerid_account",
                new Bind("accounts", UUID.fromString(Commands.ACCOUNT_ID)));
    }

    @Test
    void acceptsAnUpdateByAlternateKey() {
        Write write = valid(Commands.update().target(Target.byKey(Map.of("accountnumber",
                new ColumnValue.Text("A-1")))));

        assertThat(write.address()).isInstanceOf(RowAddress.ByKey.class);
    }

    @Test
    void resolvesTheRelatedRowOfAnAssociation() {
        Write write = valid(Commands.associate());

        assertThat(write.link()).isEqualTo(new Link("contact_customer_accounts", "contacts",
                UUID.fromString(Commands.CONTACT_ID)));
    }

    @Test
    void acceptsValuesOfTheColumnsTypesWideningNumbers() {
        valid(Commands.create().attributes(Map.of("numberofemployees", new ColumnValue.Int64(12),
                "revenue", new ColumnValue.Exact("1234.5600"), "creditonhold", new ColumnValue.Flag(true),
                "lastusedincampaign", new ColumnValue.Moment(Instant.EPOCH), "industrycode", new ColumnValue.Choice(3),
                "address1_latitude", new ColumnValue.Int32(47), "name", new ColumnValue.Empty())));
        valid(Commands.create().entity("cr123_project").attributes(Map.of("cr123_externalsequence",
                new ColumnValue.Int64(Long.MAX_VALUE), "cr123_regions", new ColumnValue.Choices(List.of(100000000)),
                "cr123_discountrate", new ColumnValue.Exact(new BigDecimal("0.125").toPlainString()))));
    }

    @Test
    void rejectsAnUnknownOperation() {
        assertThat(problem(Commands.create().operation(Operation.UNKNOWN))).contains("unknown operation");
    }

    @Test
    void rejectsAnUnknownEntity() {
        assertThat(problem(Commands.create().entity("spaceship"))).isEqualTo("unknown entity 'spaceship'");
    }

    @Test
    void rejectsAnUpdateDeleteOrLinkWithoutTarget() {
        assertThat(problem(Commands.update().target(null))).startsWith("missing target: UPDATE");
        assertThat(problem(Commands.delete().target(null))).startsWith("missing target: DELETE");
        assertThat(problem(Commands.associate().target(null))).startsWith("missing target: ASSOCIATE");
        assertThat(problem(Commands.update().target(Target.byKey(Map.of())))).startsWith("missing target");
    }

    @Test
    void rejectsIdsThatAreNotGuids() {
        assertThat(problem(Commands.update().target(Target.byId("42")))).isEqualTo(
                "bad id: target.id '42' is not a GUID");
        assertThat(problem(Commands.create().lookups(Map.of("primarycontactid",
                new RecordReference("contact", "nope"))))).contains("bad id: lookup 'primarycontactid' id 'nope'");
    }

    @Test
    void rejectsValuesOfTheWrongType() {
        assertThat(problem(Commands.create().attributes(Map.of("numberofemployees", new ColumnValue.Text("12")))))
                .isEqualTo("wrong attribute type for 'numberofemployees' on entity 'account': an integer column does "
                        + "not take a text value");
        assertThat(problem(Commands.create().attributes(Map.of("revenue", new ColumnValue.Real(1.5)))))
                .contains("wrong attribute type for 'revenue'");
        assertThat(problem(Commands.create().attributes(Map.of("revenue", new ColumnValue.Exact("1,5")))))
                .contains("'1,5' is not a decimal number");
        assertThat(problem(Commands.create().attributes(Map.of("numberofemployees",
                new ColumnValue.Int64(Long.MAX_VALUE))))).contains("wrong attribute type");
    }

    @Test
    void rejectsUnknownColumnsLookupsWrittenAsAttributesAndThePrimaryKey() {
        assertThat(problem(Commands.create().attributes(Map.of("colour", new ColumnValue.Text("red")))))
                .isEqualTo("unknown attribute 'colour' on entity 'account'");
        assertThat(problem(Commands.create().attributes(Map.of("primarycontactid",
                new ColumnValue.Text(Commands.CONTACT_ID))))).contains("is a lookup: set it in lookups");
        assertThat(problem(Commands.create().attributes(Map.of("accountid",
                new ColumnValue.Text(Commands.ACCOUNT_ID))))).contains("primary key: set it with target.id");
    }

    @Test
    void rejectsLookupsThroughUnknownNavigationOrToTheWrongTable() {
        assertThat(problem(Commands.create().lookups(Map.of("ownerid",
                new RecordReference("systemuser", Commands.CONTACT_ID))))).contains("unknown lookup 'ownerid'");
        assertThat(problem(Commands.create().lookups(Map.of("primarycontactid",
                new RecordReference("account", Commands.ACCOUNT_ID)))))
                .isEqualTo("lookup 'primarycontactid' refers to entity 'contact', not 'account'");
    }

    @Test
    void rejectsAnAlternateKeyTheTableDoesNotHave() {
        assertThat(problem(Commands.update().target(Target.byKey(Map.of("name", new ColumnValue.Text("x"))))))
                .startsWith("entity 'account' has no alternate key on [name]");
    }

    @Test
    void rejectsALookupInAnAlternateKeyThatIsNotAGuidBeforeItReachesTheUrl() {
        assertThat(problem(Commands.update().target(Target.byKey(Map.of("primarycontactid",
                new ColumnValue.Reference(new RecordReference("contact", "x)/contacts(1")))))))
                .isEqualTo("alternate key value of 'primarycontactid' refers to 'x)/contacts(1', which is not a GUID");
    }

    @Test
    void rejectsFieldsThatDoNotBelongToTheOperation() {
        assertThat(problem(Commands.delete().attributes(Map.of("name", new ColumnValue.Text("x")))))
                .isEqualTo("DELETE takes no attributes or lookups");
        assertThat(problem(Commands.associate().association(null))).startsWith("missing association");
        assertThat(problem(Commands.create().ifMatch("W/\"1\""))).startsWith("ifMatch applies to");
        assertThat(problem(Commands.create().target(Target.byKey(Map.of("accountnumber",
                new ColumnValue.Text("A")))))).contains("by target.id only");
    }

    @Test
    void rejectsAnOversizedCommand() {
        assertThat(problem(Commands.create().sizeBytes(1_001)))
                .isEqualTo("command of 1001 bytes is oversized (limit 1000)");
    }

    @Test
    void leavesTheDecisionOpenWhenTheMetadataCannotBeRead() {
        tables.outage(new TableLookup.Unavailable("429 from EntityDefinitions", false));

        assertThat(validation.validate(Commands.create().build()))
                .isEqualTo(new Validation.Undecided("429 from EntityDefinitions", false));
    }

    private Write valid(Commands command) {
        Validation result = validation.validate(command.build());
        assertThat(result).isInstanceOf(Validation.Valid.class);
        return ((Validation.Valid) result).write();
    }

    private String problem(Commands command) {
        Validation result = validation.validate(command.build());
        assertThat(result).isInstanceOf(Validation.Invalid.class);
        return ((Validation.Invalid) result).problem();
    }
}
