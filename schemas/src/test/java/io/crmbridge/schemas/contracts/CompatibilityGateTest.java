package io.crmbridge.schemas.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.schemas.contracts.CompatibilityGate.Breach;
import io.crmbridge.schemas.contracts.CompatibilityGate.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.junit.jupiter.api.Test;

/** Edits released contracts the way a careless change would, and checks what the gate says about each. */
class CompatibilityGateTest {

    private static final Schema RECORD_CHANGED = Contracts.released("RecordChanged").orElseThrow();
    private static final Schema WRITE_COMMAND = Contracts.released("WriteCommand").orElseThrow();
    private static final Schema WRITE_RESULT = Contracts.released("WriteResult").orElseThrow();
    private static final Schema CONNECTION_EVENT = Contracts.released("ConnectionEvent").orElseThrow();

    @Test
    void acceptsAnUnchangedContract() {
        assertThat(CompatibilityGate.breaches("RecordChanged", RECORD_CHANGED, RECORD_CHANGED)).isEmpty();
    }

    @Test
    void acceptsANewOptionalFieldWithADefault() {
        Schema changed = withField(RECORD_CHANGED, new Field("tenantId",
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "Entra tenant of the environment.", Field.NULL_DEFAULT_VALUE));

        assertThat(CompatibilityGate.breaches("RecordChanged", RECORD_CHANGED, changed)).isEmpty();
    }

    @Test
    void rejectsANewFieldWithoutADefaultAsBackwardIncompatible() {
        Schema changed = withField(RECORD_CHANGED,
                new Field("tenantId", Schema.create(Schema.Type.STRING), "Entra tenant of the environment."));

        List<Breach> breaches = CompatibilityGate.breaches("RecordChanged", RECORD_CHANGED, changed);

        assertThat(breaches).singleElement().satisfies(breach -> {
            assertThat(breach.direction()).isEqualTo(Direction.BACKWARD);
            assertThat(breach.field()).isEqualTo("tenantId");
            assertThat(breach.toString()).contains("RecordChanged", "BACKWARD", "'tenantId'",
                    "READER_FIELD_MISSING_DEFAULT");
        });
    }

    @Test
    void rejectsRemovingAFieldWithoutADefaultAsForwardIncompatible() {
        Schema changed = withoutField(RECORD_CHANGED, "eventId");

        assertThat(CompatibilityGate.breaches("RecordChanged", RECORD_CHANGED, changed)).singleElement()
                .satisfies(breach -> assertThat(breach.toString()).contains("RecordChanged", "FORWARD", "'eventId'"));
    }

    @Test
    void rejectsNarrowingATypeAsBackwardIncompatible() {
        Schema changed = withFieldType(RECORD_CHANGED, "version", type -> Schema.createUnion(
                Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.INT)));

        assertThat(CompatibilityGate.breaches("RecordChanged", RECORD_CHANGED, changed)).singleElement()
                .satisfies(breach -> {
                    assertThat(breach.direction()).isEqualTo(Direction.BACKWARD);
                    assertThat(breach.toString()).contains("RecordChanged", "'version'", "MISSING_UNION_BRANCH", "LONG");
                });
    }

    @Test
    void rejectsWideningATypeAsForwardIncompatible() {
        Schema changed = withFieldType(WRITE_RESULT, "attempts", type -> Schema.create(Schema.Type.LONG));

        assertThat(CompatibilityGate.breaches("WriteResult", WRITE_RESULT, changed)).singleElement()
                .satisfies(breach -> {
                    assertThat(breach.direction()).isEqualTo(Direction.FORWARD);
                    assertThat(breach.toString()).contains("WriteResult", "'attempts'", "TYPE_MISMATCH");
                });
    }

    @Test
    void namesTheNestedFieldWhenAChangeBreaksInsideAUnionBranch() {
        Schema changed = withFieldType(WRITE_COMMAND, "target", union -> Schema.createUnion(union.getTypes().get(0),
                withFieldType(union.getTypes().get(1), "id", id -> Schema.createUnion(
                        Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.INT)))));

        List<Breach> breaches = CompatibilityGate.breaches("WriteCommand", WRITE_COMMAND, changed);

        assertThat(breaches).isNotEmpty().allSatisfy(breach -> {
            assertThat(breach.field()).isEqualTo("target.id");
            assertThat(breach.toString()).contains("WriteCommand", "'target.id'");
        });
    }

    // Avro has no fallback for an unknown union branch: the attribute union cannot grow, so new column kinds must
    // travel in an existing branch (string) or in a new field.
    @Test
    void rejectsANewKindOfAttributeValueAsForwardIncompatible() {
        Schema fileValue = Schema.createRecord("FileValue", "A file column.", "io.crmbridge.events", false,
                List.of(new Field("fileName", Schema.create(Schema.Type.STRING), "Name of the file.")));
        Schema changed = withFieldType(RECORD_CHANGED, "attributes",
                map -> Schema.createMap(Schema.createUnion(append(map.getValueType().getTypes(), fileValue))));

        assertThat(CompatibilityGate.breaches("RecordChanged", RECORD_CHANGED, changed)).singleElement()
                .satisfies(breach -> {
                    assertThat(breach.direction()).isEqualTo(Direction.FORWARD);
                    assertThat(breach.toString()).contains("RecordChanged", "'attributes'", "MISSING_UNION_BRANCH");
                });
    }

    @Test
    void rejectsARemovedSymbolOfAClosedEnumAsBackwardIncompatible() {
        Schema changed = withFieldType(WRITE_RESULT, "status", status -> enumWithSymbols(status, List.of("SUCCEEDED")));

        assertThat(CompatibilityGate.breaches("WriteResult", WRITE_RESULT, changed)).singleElement()
                .satisfies(breach -> {
                    assertThat(breach.direction()).isEqualTo(Direction.BACKWARD);
                    assertThat(breach.toString()).contains("WriteResult", "'status'", "MISSING_ENUM_SYMBOLS", "FAILED");
                });
    }

    @Test
    void rejectsANewSymbolOfAClosedEnumAsForwardIncompatible() {
        Schema changed = withFieldType(WRITE_RESULT, "status",
                status -> enumWithSymbols(status, List.of("SUCCEEDED", "FAILED", "SKIPPED")));

        assertThat(CompatibilityGate.breaches("WriteResult", WRITE_RESULT, changed)).singleElement()
                .satisfies(breach -> {
                    assertThat(breach.direction()).isEqualTo(Direction.FORWARD);
                    assertThat(breach.toString()).contains("WriteResult", "'status'", "SKIPPED");
                });
    }

    @Test
    void acceptsANewSymbolOfAnEnumWithADefault() {
        Schema changed = withFieldType(CONNECTION_EVENT, "type", type -> enumWithSymbols(type,
                append(type.getEnumSymbols(), "CONSENT_REVOKED")));

        assertThat(CompatibilityGate.breaches("ConnectionEvent", CONNECTION_EVENT, changed)).isEmpty();
    }

    @Test
    void rejectsARemovedSymbolEvenWhenTheEnumHasADefault() {
        Schema changed = withFieldType(RECORD_CHANGED, "changeType",
                changeType -> enumWithSymbols(changeType, List.of("SNAPSHOT", "CREATED", "UPDATED", "UNKNOWN")));

        assertThat(CompatibilityGate.breaches("RecordChanged", RECORD_CHANGED, changed)).singleElement()
                .satisfies(breach -> assertThat(breach.toString())
                        .contains("RecordChanged", "BACKWARD", "'changeType'", "REMOVED_ENUM_SYMBOLS [DELETED]"));
    }

    private static Schema withField(Schema record, Field added) {
        List<Field> fields = copies(record.getFields(), Field::schema);
        fields.add(added);
        return recordLike(record, fields);
    }

    private static Schema withoutField(Schema record, String name) {
        List<Field> fields = copies(record.getFields(), Field::schema);
        fields.removeIf(field -> field.name().equals(name));
        return recordLike(record, fields);
    }

    private static Schema withFieldType(Schema record, String name, UnaryOperator<Schema> change) {
        return recordLike(record, copies(record.getFields(),
                field -> field.name().equals(name) ? change.apply(field.schema()) : field.schema()));
    }

    // Fields cannot be shared between records; a copy keeps doc, default and order.
    private static List<Field> copies(List<Field> fields, Function<Field, Schema> typeOf) {
        List<Field> copies = new ArrayList<>();
        fields.forEach(field -> copies.add(new Field(field, typeOf.apply(field))));
        return copies;
    }

    private static Schema recordLike(Schema record, List<Field> fields) {
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }

    private static Schema enumWithSymbols(Schema enumSchema, List<String> symbols) {
        return Schema.createEnum(enumSchema.getName(), enumSchema.getDoc(), enumSchema.getNamespace(), symbols,
                enumSchema.getEnumDefault());
    }

    private static <T> List<T> append(List<T> list, T element) {
        List<T> appended = new ArrayList<>(list);
        appended.add(element);
        return appended;
    }
}
