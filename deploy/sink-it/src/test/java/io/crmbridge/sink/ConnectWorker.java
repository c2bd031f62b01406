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
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A real Kafka Connect worker in standalone mode ({@code ConnectStandalone}) in a JVM of its own, running one
 * connector. Its class path and plugin path come from the {@code deploy/connect-worker} module (the system property
 * {@code connect.worker.home} names its {@code target} directory): {@code worker.classpath} written by
 * {@code dependency:build-classpath}, {@code plugins/} holding the unpacked Debezium JDBC sink.
 */
final class ConnectWorker implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ChildProcess process;
    private final URI rest;
    private final String connector;

    private ConnectWorker(ChildProcess process, URI rest, String connector) {
        this.process = process;
        this.rest = rest;
        this.connector = connector;
    }

    /** Starts a worker on {@code brokers} running {@code connector} and returns once its task runs. */
    static ConnectWorker start(String brokers, Map<String, String> connector) {
        Path home = Path.of(System.getProperty("connect.worker.home", "../connect-worker/target"));
        try {
            String classPath = Files.readString(home.resolve("worker.classpath")).strip();
            Path dir = Files.createDirectories(Path.of("target", "connect-worker"));
            int port = ChildProcess.freePort();
            Path worker = write(dir.resolve("worker.properties"), Map.of(
                    "bootstrap.servers", brokers,
                    "plugin.path", home.resolve("plugins").toAbsolutePath().toString(),
                    "listeners", "http://127.0.0.1:" + port,
                    "offset.storage.file.filename", dir.resolve("offsets").toAbsolutePath().toString(),
                    "offset.flush.interval.ms", "1000",
                    "key.converter", "org.apache.kafka.connect.json.JsonConverter",
                    "value.converter", "org.apache.kafka.connect.json.JsonConverter"));
            Path sink = write(dir.resolve("connector.properties"), connector);
            Path logging = write(dir.resolve("log4j2.properties"), Map.of(
                    "appender.out.type", "Console", "appender.out.name", "out",
                    "appender.out.layout.type", "PatternLayout",
                    "appender.out.layout.pattern", "[%d] %p %m (%c)%n",
                    "rootLogger.level", "INFO", "rootLogger.appenderRef.out.ref", "out",
                    "logger.reflections.name", "org.reflections", "logger.reflections.level", "ERROR"));
            ChildProcess process = ChildProcess.start("Kafka Connect worker", List.of(ChildProcess.java(), "-Xmx256m",
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dlog4j2.configurationFile=" + logging.toAbsolutePath(), "-cp", classPath,
                    "org.apache.kafka.connect.cli.ConnectStandalone", worker.toString(), sink.toString()),
                    dir.resolve("worker.log"));
            ConnectWorker running = new ConnectWorker(process, URI.create("http://127.0.0.1:" + port),
                    connector.get("name"));
            try {
                await("the connector's task running").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(250)).until(() -> "RUNNING".equals(running.taskState()));
            } catch (RuntimeException e) {
                process.close();
                throw e;
            }
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Connect worker from " + home.toAbsolutePath(), e);
        }
    }

    /** Fails, with the task's stack trace, once the connector's task has failed (a record it could not write). */
    void requireHealthy() {
        process.requireAlive();
        JsonNode status = status();
        JsonNode task = status == null ? null : status.path("tasks").path(0);
        if (task != null && "FAILED".equals(task.path("state").asString())) {
            throw new IllegalStateException("the sink's task failed: " + task.path("trace").asString());
        }
    }

    private String taskState() {
        requireHealthy();
        JsonNode status = status();
        return status == null ? null : status.path("tasks").path(0).path("state").asString(null);
    }

    private JsonNode status() {
        process.requireAlive();
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(rest.resolve("/connectors/" + connector
                    + "/status")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Path write(Path file, Map<String, String> properties) throws IOException {
        return Files.writeString(file, properties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .sorted().collect(Collectors.joining("\n", "", "\n")));
    }

    @Override
    public void close() {
        process.close();
    }
}
