package io.crmbridge.poller;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A poller in a JVM of its own, so a test can kill it like a crashed pod (SIGKILL: no shutdown, no commit). */
public final class PollerProcess implements AutoCloseable {

    private final Process process;

    private PollerProcess(Process process) {
        this.process = process;
    }

    /** Starts the poller with {@code properties} as command-line arguments; its output goes to {@code log}. */
    static PollerProcess start(Map<String, Object> properties, Path log) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), PollerServiceApplication.class.getName()));
        properties.forEach((name, value) -> command.add("--" + name + "=" + value));
        File output = log.toFile();
        output.getParentFile().mkdirs();
        try {
            return new PollerProcess(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output)).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a poller process", e);
        }
    }

    /** SIGKILL: no shutdown hook, no transaction commit, no consumer-group leave. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The process id, as the poller names itself ({@code pid@host}) in the capture events it publishes. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
