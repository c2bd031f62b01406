package io.crmbridge.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A real Apicurio Registry (in memory) in a JVM of its own on a free port of 127.0.0.1: the registry both the
 * project's serde (Confluent's REST API, {@link #confluentApi()}) and Apicurio's Kafka Connect converter
 * ({@link #registryApi()}) use. Unpacked by Maven ({@code apicurio-registry-app:zip:all}) into the directory the
 * system property {@code apicurio.home} names.
 *
 * <p>Here for the sink proof for now; the other modules' integration tests can share it once it moves to a test-jar.
 */
final class ApicurioRegistry implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ChildProcess process;
    private final URI base;

    private ApicurioRegistry(ChildProcess process, URI base) {
        this.process = process;
        this.base = base;
    }

    /** Starts the registry and returns once {@code GET /apis/registry/v2/system/info} answers 200. */
    static ApicurioRegistry start() {
        int port = ChildProcess.freePort();
        ChildProcess process = ChildProcess.start("Apicurio Registry", List.of(ChildProcess.java(), "-Xmx160m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port, "-jar", runner().toString()), Path.of("target", "apicurio-registry.log"));
        ApicurioRegistry registry = new ApicurioRegistry(process, URI.create("http://127.0.0.1:" + port));
        try {
            await("Apicurio Registry answering on " + registry.base).atMost(START).pollInterval(Duration.ofMillis(200))
                    .until(registry::ready);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return registry;
    }

    /** Confluent Schema Registry's API, for {@code schema.registry.url}. */
    String confluentApi() {
        return base + "/apis/ccompat/v7";
    }

    /** Apicurio's own API, for {@code apicurio.registry.url}. */
    String registryApi() {
        return base + "/apis/registry/v2";
    }

    private boolean ready() {
        process.requireAlive();
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(registryApi() + "/system/info"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path runner() {
        Path home = Path.of(System.getProperty("apicurio.home", "target/apicurio-registry"));
        try (Stream<Path> files = Files.walk(home, 3)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Apicurio Registry runner jar under "
                            + home.toAbsolutePath() + ": run Maven's generate-test-resources"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + home, e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
