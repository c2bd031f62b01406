package io.crmbridge.schemas.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The top-level contracts as they are now (one .avsc directly under src/main/avro, compiled into
 * io.crmbridge.events) and as last released (self-contained copies under src/test/resources/released).
 * Paths are relative to the module directory, Surefire's working directory.
 */
final class Contracts {

    static final Path SOURCES = Path.of("src/main/avro");
    static final Path RELEASED = Path.of("src/test/resources/released");
    private static final String PACKAGE = "io.crmbridge.events.";

    private Contracts() {
    }

    /**
     * Every current top-level contract by simple name, taken from its generated class: the schema the serde registers.
     * Discovered from the .avsc files so that a new contract cannot slip past the gate.
     */
    static Map<String, Schema> current() {
        Map<String, Schema> contracts = new TreeMap<>();
        for (String name : avscNames(SOURCES)) {
            contracts.put(name, generatedSchema(name));
        }
        return contracts;
    }

    /** Every released contract by simple name, each parsed on its own as a registry would hold it. */
    static Map<String, Schema> released() {
        Map<String, Schema> contracts = new TreeMap<>();
        for (String name : avscNames(RELEASED)) {
            contracts.put(name, released(name).orElseThrow());
        }
        return contracts;
    }

    static Optional<Schema> released(String name) {
        Path file = RELEASED.resolve(name + ".avsc");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Schema.Parser().parse(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema generatedSchema(String name) {
        try {
            return SpecificData.get().getSchema(Class.forName(PACKAGE + name));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + ".avsc did not compile into " + PACKAGE + name, e);
        }
    }

    private static Iterable<String> avscNames(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(file -> file.endsWith(".avsc"))
                    .map(file -> file.substring(0, file.length() - ".avsc".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
