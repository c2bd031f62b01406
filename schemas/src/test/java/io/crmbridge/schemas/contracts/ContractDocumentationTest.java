package io.crmbridge.schemas.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Consumers learn the contracts from the registry, so every record, field and enum explains itself there. */
class ContractDocumentationTest {

    @Test
    void everyRecordFieldAndEnumOfEveryContractHasADoc() {
        List<String> undocumented = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Contracts.current().values().forEach(contract -> collectUndocumented(contract, seen, undocumented));

        assertThat(seen).as("named types checked").contains("io.crmbridge.events.RecordChanged",
                "io.crmbridge.events.DecimalValue", "io.crmbridge.events.WriteOperation");
        assertThat(undocumented).as("records, fields and enums without a doc").isEmpty();
    }

    @Test
    void findsAMissingFieldDoc() {
        Schema record = Schema.createRecord("Sample", "A sample.", "io.crmbridge.events", false, List.of(
                new Schema.Field("documented", Schema.create(Schema.Type.STRING), "Has a doc."),
                new Schema.Field("bare", Schema.create(Schema.Type.STRING), " ")));
        List<String> undocumented = new ArrayList<>();

        collectUndocumented(record, new HashSet<>(), undocumented);

        assertThat(undocumented).containsExactly("field io.crmbridge.events.Sample.bare");
    }

    private static void collectUndocumented(Schema schema, Set<String> seen, List<String> undocumented) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    requireDoc("record " + schema.getFullName(), schema.getDoc(), undocumented);
                    for (Schema.Field field : schema.getFields()) {
                        requireDoc("field " + schema.getFullName() + "." + field.name(), field.doc(), undocumented);
                        collectUndocumented(field.schema(), seen, undocumented);
                    }
                }
            }
            case ENUM -> {
                if (seen.add(schema.getFullName())) {
                    requireDoc("enum " + schema.getFullName(), schema.getDoc(), undocumented);
                }
            }
            case UNION -> schema.getTypes().forEach(branch -> collectUndocumented(branch, seen, undocumented));
            case ARRAY -> collectUndocumented(schema.getElementType(), seen, undocumented);
            case MAP -> collectUndocumented(schema.getValueType(), seen, undocumented);
            default -> {
                // primitives carry no doc in Avro
            }
        }
    }

    private static void requireDoc(String what, String doc, List<String> undocumented) {
        if (doc == null || doc.isBlank()) {
            undocumented.add(what);
        }
    }
}
