package io.crmbridge.schemas.serde;

import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The serde's own settings, under Confluent's keys and defaults (the registry's are read by
 * {@link io.crmbridge.schemas.registry.RegistrySettings}).
 *
 * @param isKey                     serialising record keys rather than values (picks the key strategy)
 * @param autoRegister              {@code auto.register.schemas}: register unknown schemas (else look them up)
 * @param useLatestVersion          {@code use.latest.version}: tag records with the subject's latest schema id
 * @param latestCompatibilityStrict {@code latest.compatibility.strict}: with use.latest.version, refuse records
 *                                  the latest schema cannot read
 * @param specificReader            {@code specific.avro.reader}: read into generated classes, not GenericRecord
 * @param specificType              {@code specific.avro.key.type} / {@code specific.avro.value.type}: the generated
 *                                  class to read into, whatever the writer's record name; null to go by that name
 * @param logicalTypes              {@code avro.use.logical.type.converters}: generic reads give Instant, LocalDate...
 * @param strategy                  {@code key.subject.name.strategy} / {@code value.subject.name.strategy}
 */
record SerdeSettings(boolean isKey, boolean autoRegister, boolean useLatestVersion,
                     boolean latestCompatibilityStrict, boolean specificReader, Class<?> specificType,
                     boolean logicalTypes, SubjectNameStrategy strategy) {

    static final String AUTO_REGISTER = "auto.register.schemas";
    static final String USE_LATEST_VERSION = "use.latest.version";
    static final String LATEST_COMPATIBILITY_STRICT = "latest.compatibility.strict";
    static final String SPECIFIC_READER = "specific.avro.reader";
    static final String SPECIFIC_KEY_TYPE = "specific.avro.key.type";
    static final String SPECIFIC_VALUE_TYPE = "specific.avro.value.type";
    static final String LOGICAL_TYPES = "avro.use.logical.type.converters";
    static final String KEY_STRATEGY = "key.subject.name.strategy";
    static final String VALUE_STRATEGY = "value.subject.name.strategy";

    private static final Map<String, SubjectNameStrategy> KNOWN_STRATEGIES = Map.of(
            "TopicNameStrategy", new TopicNameStrategy(),
            "RecordNameStrategy", new RecordNameStrategy(),
            "TopicRecordNameStrategy", new TopicRecordNameStrategy());
    private static final Set<String> KNOWN_PACKAGES = Set.of(
            "io.confluent.kafka.serializers.subject", SubjectNameStrategy.class.getPackageName());

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(AUTO_REGISTER, Type.BOOLEAN, true, Importance.MEDIUM, "Register unknown schemas")
            .define(USE_LATEST_VERSION, Type.BOOLEAN, false, Importance.MEDIUM, "Write with the latest version")
            .define(LATEST_COMPATIBILITY_STRICT, Type.BOOLEAN, true, Importance.LOW,
                    "With use.latest.version, require the latest version to read the record's schema")
            .define(SPECIFIC_READER, Type.BOOLEAN, false, Importance.MEDIUM, "Read into generated classes")
            .define(SPECIFIC_KEY_TYPE, Type.CLASS, null, Importance.LOW, "Generated class keys are read into")
            .define(SPECIFIC_VALUE_TYPE, Type.CLASS, null, Importance.LOW, "Generated class values are read into")
            .define(LOGICAL_TYPES, Type.BOOLEAN, false, Importance.LOW, "Logical-type conversions in generic reads");

    static SerdeSettings defaults(boolean isKey) {
        return new SerdeSettings(isKey, true, false, true, false, null, false, new TopicNameStrategy());
    }

    /** Reads the settings; throws {@link ConfigException} naming a bad key. */
    static SerdeSettings from(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> values = DEFINITION.parse(configs);
        String strategyKey = isKey ? KEY_STRATEGY : VALUE_STRATEGY;
        Object strategy = configs.get(strategyKey);
        return new SerdeSettings(isKey,
                (Boolean) values.get(AUTO_REGISTER),
                (Boolean) values.get(USE_LATEST_VERSION),
                (Boolean) values.get(LATEST_COMPATIBILITY_STRICT),
                (Boolean) values.get(SPECIFIC_READER),
                (Class<?>) values.get(isKey ? SPECIFIC_KEY_TYPE : SPECIFIC_VALUE_TYPE),
                (Boolean) values.get(LOGICAL_TYPES),
                strategy == null ? new TopicNameStrategy() : strategy(strategyKey, strategy));
    }

    /** The strategy a configuration value names: Confluent's class name, ours, or any implementation. */
    static SubjectNameStrategy strategy(String key, Object value) {
        String name = value instanceof Class<?> type ? type.getName() : String.valueOf(value).trim();
        int dot = name.lastIndexOf('.');
        SubjectNameStrategy known = KNOWN_STRATEGIES.get(name.substring(dot + 1));
        if (known != null && (dot < 0 || KNOWN_PACKAGES.contains(name.substring(0, dot)))) {
            return known;
        }
        try {
            Class<?> type = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
            return (SubjectNameStrategy) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new ConfigException(key, name, "not a subject name strategy; use TopicNameStrategy, "
                    + "RecordNameStrategy or TopicRecordNameStrategy (Confluent's or "
                    + SubjectNameStrategy.class.getPackageName() + "'s)");
        }
    }
}
