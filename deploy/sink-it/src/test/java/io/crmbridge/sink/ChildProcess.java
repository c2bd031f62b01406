package io.crmbridge.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real server the tests start in a JVM or process of its own (a registry, a Connect worker, a database), its output
 * in a log file under {@code target/}, ended when the tests are done: first asked to stop, then killed.
 */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildProcess start(String name, List<String> command, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            // A test JVM that ends without @AfterAll (Ctrl-C, a failsafe timeout) must not leave servers behind.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop " + name));
            return new ChildProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command.get(0), e);
        }
    }

    /** The JVM that runs these tests, for child JVMs. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A port free on 127.0.0.1 now (the child binds it a moment later). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails at once, with the log's place, when the process ended before it became ready. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see " + log.toAbsolutePath());
        }
    }

    boolean exited() {
        return !process.isAlive();
    }

    /** For a process that has exited: fails, with the log's place, unless it exited with 0. */
    void requireSucceeded() {
        if (process.exitValue() != 0) {
            throw new IllegalStateException(name + " failed with " + process.exitValue() + ", see " + log.toAbsolutePath());
        }
    }

    /** Deletes a directory a child wrote, best effort: a file left in the temp directory fails no test. */
    static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort, see above
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
