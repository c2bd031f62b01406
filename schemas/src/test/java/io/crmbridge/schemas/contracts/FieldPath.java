package io.crmbridge.schemas.contracts;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Turns an Avro compatibility location such as {@code /fields/7/type/1/fields/0/type} into the field path a person
 * recognises ({@code target}), by walking the reader schema the location points into; empty for the record itself.
 */
final class FieldPath {

    private FieldPath() {
    }

    static String of(Schema reader, String location) {
        List<String> names = new ArrayList<>();
        Schema schema = reader;
        String[] steps = location.split("/");
        for (int i = 0; i < steps.length && schema != null; i++) {
            if (isFieldStep(schema, steps, i)) {
                Schema.Field field = schema.getFields().get(Integer.parseInt(steps[++i]));
                names.add(field.name());
                schema = field.schema();
            } else {
                schema = step(schema, steps[i]);
            }
        }
        return String.join(".", names);
    }

    // A step that does not name a field moves into a union branch, an array's items or a map's values;
    // anything else ("type", "symbols", "name", ...) stays on the schema reached so far.
    private static Schema step(Schema schema, String step) {
        if (schema.getType() == Schema.Type.UNION && isIndex(step)
                && Integer.parseInt(step) < schema.getTypes().size()) {
            return schema.getTypes().get(Integer.parseInt(step));
        }
        if (schema.getType() == Schema.Type.ARRAY && "items".equals(step)) {
            return schema.getElementType();
        }
        if (schema.getType() == Schema.Type.MAP && "values".equals(step)) {
            return schema.getValueType();
        }
        return schema;
    }

    private static boolean isFieldStep(Schema schema, String[] steps, int i) {
        return schema.getType() == Schema.Type.RECORD && "fields".equals(steps[i])
                && i + 1 < steps.length && isIndex(steps[i + 1]);
    }

    private static boolean isIndex(String step) {
        return !step.isEmpty() && step.chars().allMatch(Character::isDigit);
    }
}
