package io.sharedstate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sharedstate.ChangeEvent;
import io.sharedstate.store.ChronicleSharedState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.stream.Stream;

/** {@code journal DIR [--since T] [--until T] [--key K] [--prefix P] [--json]}: past events, streamed. */
@Command(name = "journal", sortOptions = false,
        description = {"Print past journal events, oldest first: time, pid, operation, key and new value.",
                "TIME is an ISO-8601 instant (2026-03-01T12:00:00Z), a date-time with an offset "
                        + "(2026-03-01T13:00:00+01:00), or a duration meaning that long ago: 90s, 10m, 2h, 1d, "
                        + "1w, 1h30m or PT10M. Opens the store read-only."})
final class JournalCommand extends StoreCommand {
    @Option(names = "--since", paramLabel = "TIME", converter = Times.PointInTime.class,
            description = "Only events at or after TIME.")
    Instant since;

    @Option(names = "--until", paramLabel = "TIME", converter = Times.PointInTime.class,
            description = "Only events before TIME.")
    Instant until;

    @Option(names = "--key", paramLabel = "K", description = "Only events of key K.")
    String key;

    @Option(names = "--prefix", paramLabel = "P", defaultValue = "", description = "Only keys starting with P.")
    String prefix;

    @Option(names = "--json", description = "One JSON document: {\"store\":..., \"events\":[...], \"count\":N, "
            + "\"complete\":true}.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (since != null && until != null && !since.isBefore(until)) {
            throw new UserException("--since " + since + " is not before --until " + until);
        }
        long count = 0;
        boolean complete = true;
        EventFormat format = new EventFormat();
        try (ChronicleSharedState state = Stores.openReadOnly(directory);
             Stream<ChangeEvent> events = state.journal().events()) {
            JsonGenerator generator = null;
            Columns columns = null;
            if (json) {
                generator = out.json();
                generator.setPrettyPrinter(new RecordPerLine());
                generator.writeStartObject();
                generator.writeStringField("store", state.directory().toString());
                generator.writeArrayFieldStart("events");
            } else {
                columns = new Columns(out, EventFormat.HEADERS);
            }
            Iterator<ChangeEvent> iterator = events.iterator();
            while (iterator.hasNext()) {
                if (Signals.requested()) {
                    complete = false;
                    break;
                }
                ChangeEvent event = iterator.next();
                if (until != null && !event.time().isBefore(until)) {
                    continue;
                }
                if ((since != null && event.time().isBefore(since)) || (key != null && !event.key().equals(key))
                        || !event.key().startsWith(prefix)) {
                    continue;
                }
                count++;
                if (generator != null) {
                    format.writeJson(generator, event);
                } else {
                    columns.row(format.row(event));
                }
            }
            if (generator != null) {
                generator.writeEndArray();
                generator.writeNumberField("count", count);
                generator.writeBooleanField("complete", complete);
                generator.writeEndObject();
                generator.close();
            } else {
                columns.finish();
            }
        }
        out.flush();
        if (!complete) {
            Main.warn("interrupted: the output ends after " + count + " events");
            return Signals.interruptedStatus();
        }
        return ExitCode.OK;
    }
}
