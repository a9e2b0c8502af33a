package dev.orderflow.deadletters;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a record sits in its topic, written {@code <partition>@<offset>} as in the services' logs. */
record RecordPosition(int partition, long offset) implements Comparable<RecordPosition> {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,9})@(\\d{1,18})");
    private static final Comparator<RecordPosition> ORDER =
            Comparator.comparingInt(RecordPosition::partition).thenComparingLong(RecordPosition::offset);

    RecordPosition {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset cannot be negative: " + partition + "@" + offset);
        }
    }

    /** Reads {@code 3@17}; anything else is a usage error that names the argument. */
    static RecordPosition parse(String text) {
        Matcher matcher = TEXT.matcher(text);
        if (!matcher.matches()) {
            throw new UsageException("'" + text + "' is not a record position: write <partition>@<offset>, e.g. 3@17");
        }
        return new RecordPosition(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2)));
    }

    @Override
    public int compareTo(RecordPosition other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
