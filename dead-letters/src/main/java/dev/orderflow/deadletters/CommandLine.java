package dev.orderflow.deadletters;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/** What the tool was asked to do, and against which Kafka. */
record CommandLine(String bootstrapServers, Command command) {

    static final String BOOTSTRAP_SERVERS_VARIABLE = "KAFKA_BOOTSTRAP_SERVERS";
    static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    private static final String BOOTSTRAP_SERVERS_OPTION = "--bootstrap-servers";

    sealed interface Command permits Help, ListRecords, Redrive {
    }

    record Help() implements Command {
    }

    record ListRecords(String deadLetterTopic) implements Command {
    }

    /** Either every record of the topic ({@code all}) or the chosen positions, never both. */
    record Redrive(String deadLetterTopic, boolean all, SortedSet<RecordPosition> positions) implements Command {

        Redrive {
            positions = Collections.unmodifiableSortedSet(new TreeSet<>(positions));
            if (all == !positions.isEmpty()) {
                throw new IllegalArgumentException("either all records or chosen positions");
            }
        }
    }

    static CommandLine parse(List<String> arguments, Map<String, String> environment) {
        String bootstrapServers = null;
        boolean all = false;
        boolean help = false;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals(BOOTSTRAP_SERVERS_OPTION)) {
                if (i + 1 >= arguments.size()) {
                    throw new UsageException(BOOTSTRAP_SERVERS_OPTION + " needs a value, e.g. localhost:9092");
                }
                bootstrapServers = arguments.get(++i);
            } else if (argument.startsWith(BOOTSTRAP_SERVERS_OPTION + "=")) {
                bootstrapServers = argument.substring(BOOTSTRAP_SERVERS_OPTION.length() + 1);
            } else if (argument.equals("--all")) {
                all = true;
            } else if (argument.equals("-h") || argument.equals("--help")) {
                help = true;
            } else if (argument.startsWith("-")) {
                throw new UsageException("unknown option '" + argument + "'");
            } else {
                words.add(argument);
            }
        }
        if (bootstrapServers != null && bootstrapServers.isBlank()) {
            throw new UsageException(BOOTSTRAP_SERVERS_OPTION + " cannot be empty");
        }
        String kafka = bootstrapServers != null ? bootstrapServers : fromEnvironment(environment);
        if (help || words.isEmpty()) {
            return new CommandLine(kafka, new Help());
        }
        String verb = words.get(0);
        List<String> operands = words.subList(1, words.size());
        return new CommandLine(kafka, switch (verb) {
            case "list" -> listRecords(operands, all);
            case "redrive" -> redrive(operands, all);
            default -> throw new UsageException("unknown command '" + verb + "': use list or redrive");
        });
    }

    private static String fromEnvironment(Map<String, String> environment) {
        String configured = environment.get(BOOTSTRAP_SERVERS_VARIABLE);
        return configured == null || configured.isBlank() ? DEFAULT_BOOTSTRAP_SERVERS : configured;
    }

    private static ListRecords listRecords(List<String> operands, boolean all) {
        if (all) {
            throw new UsageException("--all belongs to redrive; list always shows every record");
        }
        if (operands.size() != 1) {
            throw new UsageException("list takes one dead-letter topic, e.g. list order-events-dlt");
        }
        return new ListRecords(operands.get(0));
    }

    private static Redrive redrive(List<String> operands, boolean all) {
        if (operands.isEmpty()) {
            throw new UsageException("redrive needs a dead-letter topic, then <partition>@<offset>... or --all");
        }
        List<String> chosen = operands.subList(1, operands.size());
        if (all && !chosen.isEmpty()) {
            throw new UsageException("redrive takes either --all or <partition>@<offset>..., not both");
        }
        if (!all && chosen.isEmpty()) {
            throw new UsageException("redrive needs the records to send: <partition>@<offset>... (see list) or --all");
        }
        SortedSet<RecordPosition> positions = new TreeSet<>();
        chosen.forEach(text -> positions.add(RecordPosition.parse(text)));
        return new Redrive(operands.get(0), all, positions);
    }
}
