package io.crmbridge.schemas.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * Decides whether a contract may replace its last released version: the change must be BACKWARD compatible (new
 * consumers read records written with the released schema, e.g. still on the topic) and FORWARD compatible (released
 * consumers read records written with the new schema, e.g. during a rolling upgrade), by Avro's own resolution rules,
 * plus one stricter rule of ours (see {@link RemovedEnumSymbols}).
 */
final class CompatibilityGate {

    enum Direction {
        BACKWARD("new readers, records written with the released schema"),
        FORWARD("released readers, records written with the new schema");

        private final String meaning;

        Direction(String meaning) {
            this.meaning = meaning;
        }
    }

    /** One way a change breaks readers; {@code field} is the dotted field path, e.g. {@code target.id}. */
    record Breach(String contract, Direction direction, String field, String location, String problem) {

        @Override
        public String toString() {
            return "%s breaks %s compatibility (%s): field '%s' at %s: %s"
                    .formatted(contract, direction, direction.meaning, field, location, problem);
        }
    }

    private CompatibilityGate() {
    }

    /** Every breach of {@code current} against {@code released}, in both directions; empty when the change is safe. */
    static List<Breach> breaches(String contract, Schema released, Schema current) {
        List<Breach> breaches = new ArrayList<>();
        breaches.addAll(avroBreaches(contract, Direction.BACKWARD, current, released));
        breaches.addAll(avroBreaches(contract, Direction.FORWARD, released, current));
        breaches.addAll(RemovedEnumSymbols.breaches(contract, released, current));
        return breaches;
    }

    private static List<Breach> avroBreaches(String contract, Direction direction, Schema reader, Schema writer) {
        return problems(reader, writer, "", "").stream()
                .map(problem -> new Breach(contract, direction,
                        problem.field().isEmpty() ? "(record)" : problem.field(), problem.location(), problem.text()))
                .toList();
    }

    private record Problem(String field, String location, String text) {
    }

    private static List<Problem> problems(Schema reader, Schema writer, String location, String field) {
        List<Problem> problems = new ArrayList<>();
        for (Incompatibility incompatibility : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities()) {
            String at = location + incompatibility.getLocation().replaceFirst("/$", "");
            String path = join(field, FieldPath.of(reader, incompatibility.getLocation()));
            Optional<Branches> sameNamed = sameNamedBranches(incompatibility);
            if (sameNamed.isPresent()) {
                problems.addAll(problems(sameNamed.get().reader(), sameNamed.get().writer(), at, path));
            } else {
                problems.add(new Problem(path, at, incompatibility.getType() + " " + incompatibility.getMessage()));
            }
        }
        return problems;
    }

    private record Branches(Schema reader, Schema writer) {
    }

    // Avro reports a changed record or enum inside a union (an optional field) as a missing union branch, without
    // saying what changed inside; comparing it with the reader's branch of the same name finds the field itself.
    // The fragments are both unions there; the location ends with the index of the writer's branch.
    private static Optional<Branches> sameNamedBranches(Incompatibility incompatibility) {
        Schema readerUnion = incompatibility.getReaderFragment();
        Schema writerUnion = incompatibility.getWriterFragment();
        if (incompatibility.getType() != SchemaIncompatibilityType.MISSING_UNION_BRANCH
                || readerUnion.getType() != Schema.Type.UNION || writerUnion.getType() != Schema.Type.UNION) {
            return Optional.empty();
        }
        String index = incompatibility.getLocation().substring(incompatibility.getLocation().lastIndexOf('/') + 1);
        if (!index.matches("\\d+") || Integer.parseInt(index) >= writerUnion.getTypes().size()) {
            return Optional.empty();
        }
        Schema writer = writerUnion.getTypes().get(Integer.parseInt(index));
        return readerUnion.getTypes().stream()
                .filter(branch -> isNamed(branch) && isNamed(writer) && branch.getFullName().equals(writer.getFullName()))
                .findFirst()
                .map(reader -> new Branches(reader, writer));
    }

    private static boolean isNamed(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
    }

    private static String join(String path, String more) {
        return path.isEmpty() || more.isEmpty() ? path + more : path + "." + more;
    }
}
