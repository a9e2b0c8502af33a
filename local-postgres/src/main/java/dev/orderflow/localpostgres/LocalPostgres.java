package dev.orderflow.localpostgres;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code ./run-local.sh} asks of PostgreSQL, without {@code psql}. Commands:
 * <pre>
 * answers &lt;host&gt; &lt;port&gt;                             exit 0 when a server accepts connections there, 1 otherwise
 * create-databases &lt;host&gt; &lt;port&gt; &lt;user&gt; &lt;db&gt;...     creates those missing (password: PGPASSWORD)
 * run-embedded &lt;data-dir&gt; &lt;port&gt; &lt;db&gt;...             starts an embedded server there, creates those missing,
 *                                               prints a line with "is ready", runs until SIGTERM or SIGINT
 * </pre>
 */
public final class LocalPostgres {

    private LocalPostgres() {
    }

    public static void main(String[] args) throws Exception {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException | IllegalStateException | SQLException | java.io.IOException e) {
            System.err.println("local-postgres: " + e);
            System.exit(1);
        }
    }

    private static int run(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "answers" -> {
                requireArguments(args, 3);
                return new PostgresAddress(args[1], Integer.parseInt(args[2])).answers(Duration.ofSeconds(3)) ? 0 : 1;
            }
            case "create-databases" -> {
                requireArguments(args, 5);
                String password = System.getenv("PGPASSWORD");
                ServerConnection server = new ServerConnection("jdbc:postgresql://" + args[1] + ":" + args[2] + "/", args[3],
                        password == null ? "" : password, false);
                report(Databases.createMissing(server, databases(args, 4)));
                return 0;
            }
            case "run-embedded" -> {
                requireArguments(args, 3);
                EmbeddedPostgresServer server = EmbeddedPostgresServer.startKeepingData(Path.of(args[1]),
                        Integer.parseInt(args[2]), null);
                report(Databases.createMissing(server.connection(), databases(args, 3)));
                // run-local.sh waits for this line.
                System.out.println(server + " is ready");
                // The server stops in the shutdown hook that SIGTERM or SIGINT runs.
                Thread.currentThread().join();
                return 0;
            }
            default -> throw new IllegalArgumentException("use: answers <host> <port> | create-databases <host> <port> <user>"
                    + " <database>... | run-embedded <data-dir> <port> <database>...");
        }
    }

    private static void requireArguments(String[] args, int count) {
        if (args.length < count) {
            throw new IllegalArgumentException(args[0] + ": missing arguments");
        }
    }

    private static List<String> databases(String[] args, int from) {
        return Arrays.asList(args).subList(from, args.length);
    }

    private static void report(List<String> created) {
        if (!created.isEmpty()) {
            System.out.println("created databases " + String.join(" ", created));
        }
    }
}
