package io.crmbridge.action.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.crmbridge.action.ActionServiceApplication;

/** The action service in a JVM of its own, so a test can kill it like a crashed pod (SIGKILL, no shutdown). */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;

    private ServiceProcess(Process process) {
        this.process = process;
    }

    /** Starts the service with {@code properties} as command-line arguments; its output goes to {@code log}. */
    public static ServiceProcess start(Map<String, String> properties, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), ActionServiceApplication.class.getName()));
        properties.forEach((name, value) -> command.add("--" + name + "=" + value));
        File output = log.toFile();
        output.getParentFile().mkdirs();
        return new ServiceProcess(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output)).start());
    }

    /** SIGKILL: no shutdown hook, no transaction commit, no consumer-group leave. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }
}
