package io.crmbridge.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * A subject's compatibility level, with Confluent's meaning: BACKWARD — the new schema reads data written with the
 * latest; FORWARD — the latest reads data written with the new one; FULL — both; the transitive levels check every
 * earlier version instead of only the latest. Judged by Avro's own {@link SchemaCompatibility}.
 */
public enum Compatibility {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    Compatibility(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** The level a request names, case-insensitively, as Confluent accepts it. */
    public static Compatibility named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw SchemaRegistryException.invalidCompatibilityLevel(String.valueOf(name));
        }
    }

    /**
     * Why {@code candidate} may not follow {@code earlier} (oldest first) at this level; empty when it may.
     * Non-transitive levels look at the newest earlier version only.
     */
    public List<String> problems(Schema candidate, List<RegisteredSchema> earlier) {
        if (earlier.isEmpty()) {
            return List.of();
        }
        List<RegisteredSchema> against = transitive ? earlier : List.of(earlier.get(earlier.size() - 1));
        List<String> problems = new ArrayList<>();
        for (RegisteredSchema previous : against) {
            if (backward) {
                describe(problems, "BACKWARD", previous, candidate, previous.schema());
            }
            if (forward) {
                describe(problems, "FORWARD", previous, previous.schema(), candidate);
            }
        }
        return problems;
    }

    /** Whether data written with {@code writer} can be read with {@code reader}, as Avro schema resolution decides. */
    public static List<Incompatibility> readerProblems(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult().getIncompatibilities();
    }

    private static void describe(List<String> problems, String direction, RegisteredSchema previous, Schema reader,
                                 Schema writer) {
        for (Incompatibility incompatibility : readerProblems(reader, writer)) {
            problems.add(direction + " against version " + previous.version() + ": " + incompatibility.getType()
                    + " at " + incompatibility.getLocation() + " (" + incompatibility.getMessage() + ")");
        }
    }
}
