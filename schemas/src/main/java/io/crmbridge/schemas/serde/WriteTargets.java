package io.crmbridge.schemas.serde;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.schemas.registry.Compatibility;
import io.crmbridge.schemas.registry.RegisteredSchema;
import io.crmbridge.schemas.registry.SchemaRegistry;
import io.crmbridge.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decides once per topic and schema which registry id records are tagged with — registering, looking up or taking
 * the subject's latest version as configured — and remembers it: after the first record, writing costs no registry
 * call. A failed decision is not remembered, so the next record asks again.
 */
final class WriteTargets {

    private final SchemaRegistry registry;
    private final SerdeSettings settings;
    private final GenericData genericData;
    private final Map<TopicSchema, WriteTarget> targets = new ConcurrentHashMap<>();
    private final Map<String, RegisteredSchema> latestBySubject = new ConcurrentHashMap<>();
    // Producers write long runs of one record type to one topic: skip even the map lookup for those.
    private volatile Recent recent;

    private record TopicSchema(String topic, Schema schema) {
    }

    private record Recent(String topic, Schema schema, WriteTarget target) {
    }

    WriteTargets(SchemaRegistry registry, SerdeSettings settings) {
        this.registry = registry;
        this.settings = settings;
        this.genericData = GenericModels.of(settings);
    }

    WriteTarget of(String topic, Schema schema) {
        Recent last = recent;
        if (last != null && last.schema == schema && Objects.equals(last.topic, topic)) {
            return last.target;
        }
        TopicSchema key = new TopicSchema(topic, schema);
        WriteTarget target = targets.get(key);
        if (target == null) {
            target = decide(topic, schema);
            targets.put(key, target);
        }
        recent = new Recent(topic, schema, target);
        return target;
    }

    private WriteTarget decide(String topic, Schema schema) {
        String subject = settings.strategy().subjectName(topic, settings.isKey(), schema);
        try {
            if (settings.useLatestVersion()) {
                return latest(subject, schema);
            }
            int id = settings.autoRegister() ? registry.register(subject, schema)
                    : registry.lookup(subject, schema).id();
            return new WriteTarget(id, schema, schema, true, genericData);
        } catch (SchemaRegistryException e) {
            throw new SerializationException(explain(subject, schema, e), e);
        }
    }

    private WriteTarget latest(String subject, Schema schema) {
        RegisteredSchema latest = latestBySubject.computeIfAbsent(subject, registry::latest);
        boolean sameLayout = SchemaNormalization.parsingFingerprint64(latest.schema())
                == SchemaNormalization.parsingFingerprint64(schema);
        if (!sameLayout && settings.latestCompatibilityStrict()) {
            List<Incompatibility> problems = Compatibility.readerProblems(latest.schema(), schema);
            if (!problems.isEmpty()) {
                throw new SerializationException("Latest version " + latest.version() + " (id " + latest.id()
                        + ") of subject '" + subject + "' cannot read records of schema " + schema.getFullName()
                        + " (use.latest.version=true, latest.compatibility.strict=true): "
                        + problems.stream().map(p -> p.getType() + " at " + p.getLocation()).toList());
            }
        }
        return new WriteTarget(latest.id(), schema, latest.schema(), sameLayout, genericData);
    }

    private String explain(String subject, Schema schema, SchemaRegistryException e) {
        String what = "schema " + schema.getFullName() + " under subject '" + subject + "'";
        if (settings.useLatestVersion()) {
            return "Could not find the latest version of subject '" + subject + "' (use.latest.version=true): "
                    + e.getMessage();
        }
        if (!settings.autoRegister()) {
            boolean missing = e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND;
            return (missing ? "Schema not registered: " + what + " is unknown to the registry and "
                    + "auto.register.schemas=false, so it must be registered first: " : "Could not look up " + what
                    + ": ") + e.getMessage();
        }
        return "Could not register " + what + ": " + e.getMessage();
    }
}
