package dev.orderflow.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderflow.deadletters.CommandLine.Help;
import dev.orderflow.deadletters.CommandLine.ListRecords;
import dev.orderflow.deadletters.CommandLine.Redrive;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTests {

    private static final Map<String, String> NO_VARIABLES = Map.of();

    @Test
    void readsAListCommand() {
        CommandLine commandLine = CommandLine.parse(List.of("list", "order-events-dlt"), NO_VARIABLES);

        assertThat(commandLine.command()).isEqualTo(new ListRecords("order-events-dlt"));
    }

    @Test
    void readsChosenPositionsInPartitionThenOffsetOrderWithoutRepeats() {
        CommandLine commandLine = CommandLine.parse(List.of("redrive", "order-events-dlt", "3@17", "0@4", "3@2", "0@4"),
                NO_VARIABLES);

        Redrive redrive = (Redrive) commandLine.command();
        assertThat(redrive.deadLetterTopic()).isEqualTo("order-events-dlt");
        assertThat(redrive.all()).isFalse();
        assertThat(redrive.positions()).containsExactly(
                new RecordPosition(0, 4), new RecordPosition(3, 2), new RecordPosition(3, 17));
    }

    @Test
    void readsARedriveOfEveryRecord() {
        Redrive redrive = (Redrive) CommandLine.parse(List.of("redrive", "--all", "inventory-events-dlt"), NO_VARIABLES).command();

        assertThat(redrive.all()).isTrue();
        assertThat(redrive.positions()).isEmpty();
        assertThat(redrive.deadLetterTopic()).isEqualTo("inventory-events-dlt");
    }

    @Test
    void takesKafkaFromTheOptionThenTheVariableThenLocalhost() {
        Map<String, String> variables = Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092,127.0.0.1:19094");

        assertThat(CommandLine.parse(List.of("list", "t-dlt", "--bootstrap-servers", "kafka:29092"), variables).bootstrapServers())
                .isEqualTo("kafka:29092");
        assertThat(CommandLine.parse(List.of("--bootstrap-servers=kafka:29092", "list", "t-dlt"), variables).bootstrapServers())
                .isEqualTo("kafka:29092");
        assertThat(CommandLine.parse(List.of("list", "t-dlt"), variables).bootstrapServers())
                .isEqualTo("127.0.0.1:19092,127.0.0.1:19094");
        assertThat(CommandLine.parse(List.of("list", "t-dlt"), Map.of("KAFKA_BOOTSTRAP_SERVERS", " ")).bootstrapServers())
                .isEqualTo("localhost:9092");
        assertThat(CommandLine.parse(List.of("list", "t-dlt"), NO_VARIABLES).bootstrapServers()).isEqualTo("localhost:9092");
    }

    @Test
    void showsHelpWhenAskedOrGivenNothing() {
        assertThat(CommandLine.parse(List.of(), NO_VARIABLES).command()).isInstanceOf(Help.class);
        assertThat(CommandLine.parse(List.of("redrive", "x", "--help"), NO_VARIABLES).command()).isInstanceOf(Help.class);
        assertThat(CommandLine.parse(List.of("-h"), NO_VARIABLES).command()).isInstanceOf(Help.class);
    }

    @Test
    void refusesWhatItDoesNotUnderstand() {
        assertUsageError(List.of("show", "order-events-dlt"), "unknown command 'show'");
        assertUsageError(List.of("list"), "list takes one dead-letter topic");
        assertUsageError(List.of("list", "a-dlt", "b-dlt"), "list takes one dead-letter topic");
        assertUsageError(List.of("list", "a-dlt", "--all"), "--all belongs to redrive");
        assertUsageError(List.of("redrive"), "redrive needs a dead-letter topic");
        assertUsageError(List.of("redrive", "a-dlt"), "redrive needs the records to send");
        assertUsageError(List.of("redrive", "a-dlt", "--all", "1@2"), "either --all or <partition>@<offset>");
        assertUsageError(List.of("redrive", "a-dlt", "3:17"), "'3:17' is not a record position");
        assertUsageError(List.of("redrive", "a-dlt", "3@"), "'3@' is not a record position");
        assertUsageError(List.of("list", "a-dlt", "--bootstrap-servers"), "--bootstrap-servers needs a value");
        assertUsageError(List.of("list", "a-dlt", "--bootstrap-servers="), "--bootstrap-servers cannot be empty");
        assertUsageError(List.of("list", "a-dlt", "--verbose"), "unknown option '--verbose'");
    }

    @Test
    void writesAPositionAsTheServicesLogIt() {
        assertThat(RecordPosition.parse("3@17")).isEqualTo(new RecordPosition(3, 17));
        assertThat(new RecordPosition(3, 17)).hasToString("3@17");
    }

    private static void assertUsageError(List<String> arguments, String message) {
        assertThatThrownBy(() -> CommandLine.parse(arguments, NO_VARIABLES))
                .as("arguments %s", arguments)
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(message);
    }
}
