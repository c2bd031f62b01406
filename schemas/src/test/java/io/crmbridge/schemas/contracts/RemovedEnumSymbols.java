package io.crmbridge.schemas.contracts;

import io.crmbridge.schemas.contracts.CompatibilityGate.Breach;
import io.crmbridge.schemas.contracts.CompatibilityGate.Direction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.avro.Schema;

/**
 * Our one rule stricter than Avro: a released enum symbol is never removed. Avro accepts the removal when the enum
 * has a default symbol, because the new reader then reads the old symbol as the default; but that silently turns,
 * say, every DELETED change still on a topic into UNKNOWN. Retire a symbol in its doc instead.
 */
final class RemovedEnumSymbols {

    private RemovedEnumSymbols() {
    }

    static List<Breach> breaches(String contract, Schema released, Schema current) {
        Map<String, Schema> releasedEnums = new HashMap<>();
        walk(released, "", new HashSet<>(), (path, schema) -> releasedEnums.putIfAbsent(schema.getFullName(), schema));
        List<Breach> breaches = new ArrayList<>();
        walk(current, "", new HashSet<>(), (path, schema) -> {
            Schema before = releasedEnums.get(schema.getFullName());
            // An enum without a default is already checked by Avro (MISSING_ENUM_SYMBOLS).
            if (before != null && schema.getEnumDefault() != null) {
                Set<String> removed = new LinkedHashSet<>(before.getEnumSymbols());
                removed.removeAll(schema.getEnumSymbols());
                if (!removed.isEmpty()) {
                    breaches.add(new Breach(contract, Direction.BACKWARD, path, schema.getFullName(),
                            "REMOVED_ENUM_SYMBOLS " + removed + " would be read as " + schema.getEnumDefault()));
                }
            }
        });
        return breaches;
    }

    private static void walk(Schema schema, String path, Set<String> seen, BiConsumer<String, Schema> onEnum) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    schema.getFields().forEach(field -> walk(field.schema(), join(path, field.name()), seen, onEnum));
                }
            }
            case ENUM -> onEnum.accept(path, schema);
            case UNION -> schema.getTypes().forEach(branch -> walk(branch, path, seen, onEnum));
            case ARRAY -> walk(schema.getElementType(), path, seen, onEnum);
            case MAP -> walk(schema.getValueType(), path, seen, onEnum);
            default -> {
                // primitives and fixed hold no enum
            }
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
