package io.crmbridge.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.avro.Schema;

/** The versions registered under one subject name, oldest first; soft-deleted versions stay until purged. */
final class Subject {

    private final String name;
    private final List<Version> versions = new ArrayList<>();

    Subject(String name) {
        this.name = name;
    }

    /** One version; {@code text} is the schema's canonical text, its identity within the registry. */
    static final class Version {
        final int number;
        final int id;
        final Schema schema;
        final String text;
        boolean deleted;

        Version(int number, int id, Schema schema, String text) {
            this.number = number;
            this.id = id;
            this.schema = schema;
            this.text = text;
        }

        RegisteredSchema in(Subject subject) {
            return new RegisteredSchema(subject.name, id, number, schema);
        }
    }

    String name() {
        return name;
    }

    boolean isEmpty() {
        return versions.isEmpty();
    }

    List<Version> versions(boolean includeDeleted) {
        return versions.stream().filter(v -> includeDeleted || !v.deleted).toList();
    }

    List<RegisteredSchema> live() {
        return versions(false).stream().map(v -> v.in(this)).toList();
    }

    Optional<Version> find(String text, boolean includeDeleted) {
        return versions(includeDeleted).stream().filter(v -> v.text.equals(text)).findFirst();
    }

    Optional<Version> latest(boolean includeDeleted) {
        List<Version> candidates = versions(includeDeleted);
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(candidates.size() - 1));
    }

    Version version(int number, boolean includeDeleted) {
        return versions(includeDeleted).stream().filter(v -> v.number == number).findFirst()
                .orElseThrow(() -> SchemaRegistryException.versionNotFound(number));
    }

    Version add(int id, Schema schema, String text) {
        int number = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).number + 1;
        Version version = new Version(number, id, schema, text);
        versions.add(version);
        return version;
    }

    void purge(Version version) {
        versions.remove(version);
    }
}
