package io.crmbridge.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;

/**
 * A schema registry in memory, with Confluent's semantics: global ids starting at 1 (the same schema text gets the
 * same id under every subject), versions numbered per subject, soft and permanent deletes, and compatibility
 * levels (global, BACKWARD by default, and per subject). The core of the sandbox's registry emulator, and what a
 * serde configured with {@code schema.registry.url=mock://<scope>} talks to ({@link #forScope(String)}).
 *
 * <p>Thread-safe; every operation takes the registry's lock, which is fine for a registry: serdes cache what they
 * learn and come back only for new schemas.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {

    private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final Map<String, Integer> idsByText = new HashMap<>();
    private final List<Schema> schemasById = new ArrayList<>();
    private final Map<String, Subject> subjects = new TreeMap<>();
    private final Map<String, Compatibility> subjectCompatibility = new HashMap<>();
    private Compatibility compatibility;

    public InMemorySchemaRegistry() {
        this(Compatibility.BACKWARD);
    }

    public InMemorySchemaRegistry(Compatibility compatibility) {
        this.compatibility = compatibility;
    }

    /** The registry shared by every serde configured with {@code mock://<scope>}, as Confluent's mock offers. */
    public static InMemorySchemaRegistry forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, any -> new InMemorySchemaRegistry());
    }

    /** Forgets a scope, so the next {@link #forScope(String)} starts empty. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(String subjectName, Schema schema) {
        String text = schema.toString();
        Subject subject = subjects.get(subjectName);
        if (subject != null) {
            Optional<Subject.Version> existing = subject.find(text, false);
            if (existing.isPresent()) {
                return existing.get().id;
            }
            List<String> problems = compatibility(subject.name()).problems(schema, subject.live());
            if (!problems.isEmpty()) {
                throw SchemaRegistryException.incompatible(subjectName, problems);
            }
        } else {
            subject = new Subject(subjectName);
            subjects.put(subjectName, subject);
        }
        return subject.add(idOf(schema, text), schema, text).id;
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        return lookup(subject, schema, false);
    }

    public synchronized RegisteredSchema lookup(String subjectName, Schema schema, boolean includeDeleted) {
        return subject(subjectName, includeDeleted).find(schema.toString(), includeDeleted)
                .map(version -> version.in(subjects.get(subjectName)))
                .orElseThrow(() -> SchemaRegistryException.schemaNotFoundUnder(subjectName));
    }

    @Override
    public synchronized Schema schemaById(int id) {
        if (id < 1 || id > schemasById.size()) {
            throw SchemaRegistryException.schemaNotFound(id);
        }
        return schemasById.get(id - 1);
    }

    @Override
    public synchronized RegisteredSchema latest(String subjectName) {
        Subject subject = subject(subjectName, false);
        return subject.latest(false).orElseThrow().in(subject);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return compatibilityProblems(subject, schema).isEmpty();
    }

    /** Why {@code schema} may not be registered under {@code subject} now; empty when it may. */
    public synchronized List<String> compatibilityProblems(String subjectName, Schema schema) {
        Subject subject = subjects.get(subjectName);
        return subject == null ? List.of() : compatibility(subjectName).problems(schema, subject.live());
    }

    /** Why {@code schema} may not follow one particular version of {@code subject}; empty when it may. */
    public synchronized List<String> compatibilityProblems(String subjectName, Schema schema, int version) {
        Subject subject = subject(subjectName, false);
        return compatibility(subjectName).problems(schema, List.of(subject.version(version, false).in(subject)));
    }

    /** Subject names in order; those with only soft-deleted versions when {@code includeDeleted}. */
    public synchronized List<String> subjects(boolean includeDeleted) {
        return subjects.values().stream().filter(s -> !s.versions(includeDeleted).isEmpty()).map(Subject::name)
                .toList();
    }

    public synchronized List<Integer> versions(String subjectName, boolean includeDeleted) {
        return subject(subjectName, includeDeleted).versions(includeDeleted).stream().map(v -> v.number).toList();
    }

    public synchronized RegisteredSchema version(String subjectName, int version, boolean includeDeleted) {
        Subject subject = subject(subjectName, includeDeleted);
        return subject.version(version, includeDeleted).in(subject);
    }

    /** Every subject version that holds the schema with global id {@code id}. */
    public synchronized List<RegisteredSchema> usesOf(int id, boolean includeDeleted) {
        schemaById(id);
        return subjects.values().stream()
                .flatMap(s -> s.versions(includeDeleted).stream().filter(v -> v.id == id).map(v -> v.in(s)))
                .toList();
    }

    /** The global compatibility level. */
    public synchronized Compatibility compatibility() {
        return compatibility;
    }

    public synchronized void setCompatibility(Compatibility level) {
        this.compatibility = level;
    }

    /** The level set for {@code subject} itself, if any. */
    public synchronized Optional<Compatibility> subjectCompatibility(String subject) {
        return Optional.ofNullable(subjectCompatibility.get(subject));
    }

    @Override
    public synchronized void setCompatibility(String subject, Compatibility level) {
        subjectCompatibility.put(subject, level);
    }

    /** Removes the level set for {@code subject}, which then follows the global level; returns the one removed. */
    public synchronized Optional<Compatibility> clearCompatibility(String subject) {
        return Optional.ofNullable(subjectCompatibility.remove(subject));
    }

    /**
     * Deletes every version of {@code subject}: a soft delete hides them (their ids stay readable), a permanent
     * delete, allowed only after a soft one, forgets them.
     *
     * @return the version numbers deleted
     */
    public synchronized List<Integer> deleteSubject(String subjectName, boolean permanent) {
        Subject subject = subject(subjectName, true);
        List<Subject.Version> live = subject.versions(false);
        if (permanent) {
            if (!live.isEmpty()) {
                throw SchemaRegistryException.subjectNotSoftDeleted(subjectName);
            }
            subjects.remove(subjectName);
            return subject.versions(true).stream().map(v -> v.number).toList();
        }
        if (live.isEmpty()) {
            throw SchemaRegistryException.of(404, SchemaRegistryException.SUBJECT_SOFT_DELETED, "Subject '"
                    + subjectName + "' was soft deleted.Set permanent=true to delete permanently");
        }
        live.forEach(v -> v.deleted = true);
        return live.stream().map(v -> v.number).toList();
    }

    /** Deletes one version, softly or (after a soft delete) permanently; returns its number. */
    public synchronized int deleteVersion(String subjectName, int number, boolean permanent) {
        Subject subject = subject(subjectName, true);
        Subject.Version version = subject.version(number, true);
        if (permanent) {
            if (!version.deleted) {
                throw SchemaRegistryException.versionNotSoftDeleted(subjectName, number);
            }
            subject.purge(version);
            if (subject.isEmpty()) {
                subjects.remove(subjectName);
            }
        } else {
            subject.version(number, false).deleted = true;
        }
        return number;
    }

    /** The newest live version number of {@code subject}, for {@code latest} in a path. */
    public synchronized int latestVersion(String subjectName) {
        return latest(subjectName).version();
    }

    private Subject subject(String name, boolean includeDeleted) {
        Subject subject = subjects.get(name);
        if (subject == null || subject.versions(includeDeleted).isEmpty()) {
            throw SchemaRegistryException.subjectNotFound(name);
        }
        return subject;
    }

    private Compatibility compatibility(String subject) {
        return subjectCompatibility.getOrDefault(subject, compatibility);
    }

    private int idOf(Schema schema, String text) {
        return idsByText.computeIfAbsent(text, any -> {
            schemasById.add(schema);
            return schemasById.size();
        });
    }
}
