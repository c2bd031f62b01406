package io.crmbridge.schemas.registry;

import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;

/**
 * A Confluent-compatible schema registry: subjects hold numbered versions of Avro schemas, and every distinct schema
 * has one global id that the Confluent wire format carries in front of each record.
 *
 * <p>Implementations: {@link RestSchemaRegistry} (Confluent REST API: Confluent Schema Registry, Apicurio's ccompat
 * API, Karapace, Redpanda, the sandbox emulator) and {@link InMemorySchemaRegistry} ({@code mock://} URLs, tests).
 * Failures are {@link SchemaRegistryException}s carrying Confluent's {@code error_code}.
 */
public interface SchemaRegistry {

    /**
     * Registers {@code schema} under {@code subject}, or finds it if it is already there.
     *
     * @return the schema's global id
     * @throws SchemaRegistryException 409 when the schema is incompatible with the subject's earlier versions
     */
    int register(String subject, Schema schema);

    /**
     * Finds {@code schema} among the versions of {@code subject} without registering it.
     *
     * @throws SchemaRegistryException 40401 (no such subject) or 40403 (schema not registered under it)
     */
    RegisteredSchema lookup(String subject, Schema schema);

    /**
     * The schema with global id {@code id}.
     *
     * @throws SchemaRegistryException 40403 when no schema has that id
     */
    Schema schemaById(int id);

    /**
     * The newest version of {@code subject}.
     *
     * @throws SchemaRegistryException 40401 when the subject has no version
     */
    RegisteredSchema latest(String subject);

    /**
     * Whether {@code schema} could be registered under {@code subject} now, judged by the subject's compatibility
     * level against its latest version (all versions for the transitive levels). A subject without versions
     * accepts any schema.
     */
    boolean isCompatible(String subject, Schema schema);

    /**
     * Sets {@code subject}'s own compatibility level ({@code PUT /config/{subject}}), so that what its producer
     * relies on does not depend on the registry's global default (which differs between registries and versions).
     */
    void setCompatibility(String subject, Compatibility level);

    /**
     * The registry a serde configuration names: {@code schema.registry.url} of {@code mock://<scope>} gives the
     * in-memory registry shared by that scope, anything else a {@link RestSchemaRegistry} (see
     * {@link RegistrySettings} for the keys read).
     */
    static SchemaRegistry connect(Map<String, ?> configs) {
        RegistrySettings settings = RegistrySettings.from(configs);
        return settings.mockScope()
                .<SchemaRegistry>map(InMemorySchemaRegistry::forScope)
                .orElseGet(() -> new RestSchemaRegistry(settings));
    }

    /** Convenience for a single URL with no credentials. */
    static SchemaRegistry connect(String url) {
        return connect(Map.of(RegistrySettings.URL, List.of(url)));
    }
}
