package dev.orderflow.deadletters;

import dev.orderflow.deadletters.CommandLine.ListRecords;
import dev.orderflow.deadletters.CommandLine.Redrive;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Lists the records of a dead-letter topic and re-drives chosen ones to the topic they failed in, once the
 * cause is fixed. See {@link #USAGE}; {@code ./dead-letters.sh} at the repository root runs it.
 */
public final class DeadLettersCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE_ERROR = 2;

    static final String USAGE = """
            Usage: ./dead-letters.sh [--bootstrap-servers <host:port,...>] <command>

            Commands:
              list <dlt-topic>
                  Shows every record now in the dead-letter topic: <partition>@<offset>, key, event-type,
                  the topic-partition@offset it failed at, the exception class and message spring-kafka
                  recorded, and the first 200 characters of the value.
              redrive <dlt-topic> <partition>@<offset>...
              redrive <dlt-topic> --all
                  Publishes the chosen records (or all of them) again to the topic they failed in, with their
                  key, value and headers as they were (spring-kafka's kafka_dlt-* headers removed), through an
                  idempotent acks=all producer. The records stay in the dead-letter topic: Kafka does not
                  delete single records. The services skip an event they have already applied.

            Kafka: --bootstrap-servers, else the KAFKA_BOOTSTRAP_SERVERS variable, else localhost:9092.
            Exit status: 0 done, 1 failed (nothing is sent when a chosen record or topic is missing), 2 usage error.
            """;

    private final PrintStream out;
    private final PrintStream err;

    DeadLettersCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] arguments) {
        System.exit(new DeadLettersCli(System.out, System.err).run(Arrays.asList(arguments), System.getenv()));
    }

    int run(List<String> arguments, Map<String, String> environment) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(arguments, environment);
        } catch (UsageException mistake) {
            err.println("dead-letters: " + mistake.getMessage() + " (see --help)");
            return USAGE_ERROR;
        }
        String kafka = commandLine.bootstrapServers();
        try {
            CommandLine.Command command = commandLine.command();
            if (command instanceof ListRecords list) {
                return list(kafka, list.deadLetterTopic());
            }
            if (command instanceof Redrive redrive) {
                return redrive(kafka, redrive);
            }
            out.print(USAGE);
            return OK;
        } catch (DeadLettersException failure) {
            err.println("dead-letters: " + failure.getMessage());
            return FAILED;
        } catch (TimeoutException noAnswer) {
            err.println("dead-letters: Kafka at " + kafka + " did not answer within " + KafkaClients.TIMEOUT.toSeconds()
                    + " s: is it running there? (--bootstrap-servers or " + CommandLine.BOOTSTRAP_SERVERS_VARIABLE + ")");
            return FAILED;
        } catch (KafkaException failure) {
            err.println("dead-letters: Kafka at " + kafka + ": " + failure.getMessage());
            return FAILED;
        }
    }

    private int list(String kafka, String topicName) {
        try (Consumer<byte[], byte[]> consumer = KafkaClients.consumer(kafka)) {
            DeadLetterTopic topic = DeadLetterTopic.open(consumer, topicName);
            List<DeadLetter> letters = topic.readAll();
            if (letters.isEmpty()) {
                out.println(topicName + " holds no records (" + topic.partitionCount() + " partitions)");
                return OK;
            }
            for (DeadLetter letter : letters) {
                DeadLetterFormat.describe(letter).forEach(out::println);
                out.println();
            }
            out.println(DeadLetterFormat.records(letters.size()) + " in " + topicName + " (" + topic.partitionCount()
                    + " partitions). After the fix: ./dead-letters.sh redrive " + topicName + " "
                    + letters.get(0).position() + (letters.size() > 1 ? " ... | --all" : ""));
            return OK;
        }
    }

    private int redrive(String kafka, Redrive request) {
        try (Consumer<byte[], byte[]> consumer = KafkaClients.consumer(kafka)) {
            DeadLetterTopic topic = DeadLetterTopic.open(consumer, request.deadLetterTopic());
            List<DeadLetter> letters = request.all() ? topic.readAll() : topic.read(request.positions());
            if (letters.isEmpty()) {
                out.println(topic.name() + " holds no records: nothing to re-drive");
                return OK;
            }
            requireSourceTopics(consumer, letters);
            return publish(kafka, topic.name(), letters);
        }
    }

    /** Every chosen record must say where it came from, and that topic must exist, before anything is sent. */
    private static void requireSourceTopics(Consumer<byte[], byte[]> consumer, List<DeadLetter> letters) {
        List<String> withoutSource = letters.stream().filter(letter -> letter.originalTopic().isEmpty())
                .map(letter -> letter.position().toString()).toList();
        if (!withoutSource.isEmpty()) {
            throw new DeadLettersException("nothing re-driven: " + String.join(", ", withoutSource) + " carry no "
                    + DeadLetter.ORIGINAL_TOPIC + " header, so their source topic is unknown");
        }
        for (String source : new TreeSet<>(letters.stream().map(letter -> letter.originalTopic().orElseThrow()).toList())) {
            List<?> partitions = consumer.partitionsFor(source, KafkaClients.TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                throw new DeadLettersException("nothing re-driven: the source topic '" + source + "' does not exist");
            }
        }
    }

    /** Sends them all, then waits for each acknowledgement in turn: re-driven records keep their dead-letter order. */
    private int publish(String kafka, String topicName, List<DeadLetter> letters) {
        int failures = 0;
        try (Producer<byte[], byte[]> producer = KafkaClients.producer(kafka)) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (DeadLetter letter : letters) {
                sends.add(producer.send(new ProducerRecord<>(letter.originalTopic().orElseThrow(), null, letter.key(),
                        letter.value(), letter.originalHeaders())));
            }
            for (int i = 0; i < letters.size(); i++) {
                try {
                    out.println(DeadLetterFormat.redriven(letters.get(i), sends.get(i).get()));
                } catch (ExecutionException failure) {
                    failures++;
                    err.println(letters.get(i).position() + " NOT re-driven: " + failure.getCause().getMessage());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new DeadLettersException("interrupted while waiting for Kafka's acknowledgements");
                }
            }
        }
        int sent = letters.size() - failures;
        out.println("re-drove " + DeadLetterFormat.records(sent) + " from " + topicName
                + (failures > 0 ? "; " + failures + " failed (see above)" : "")
                + " (the dead letters stay there too: Kafka does not delete single records)");
        return failures == 0 ? OK : FAILED;
    }
}
