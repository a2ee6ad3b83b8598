package io.sharedstate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sharedstate.ChangeEvent;
import io.sharedstate.SharedState;
import io.sharedstate.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;

/**
 * {@code journal DIR [--since T] [--until T] [--key K] [--prefix P] [--match GLOB] [-n N] [--follow] [--json]}: past
 * events, streamed; like {@code tail}, {@code -n} keeps the last N and {@code --follow} goes on with live ones.
 */
@Command(name = "journal", sortOptions = false,
        description = {"Print past journal events, oldest first: time, pid, operation, key and new value.",
                "TIME is an ISO-8601 instant (2026-03-01T12:00:00Z), a date-time with an offset "
                        + "(2026-03-01T13:00:00+01:00), or a duration meaning that long ago: 90s, 10m, 2h, 1d, "
                        + "1w, 1h30m or PT10M. Opens the store read-only.", ClusterOptions.HELP})
final class JournalCommand extends StoreCommand {
    @Option(names = "--since", paramLabel = "TIME", converter = Times.PointInTime.class,
            description = "Only events at or after TIME.")
    Instant since;

    @Option(names = "--until", paramLabel = "TIME", converter = Times.PointInTime.class,
            description = "Only events before TIME.")
    Instant until;

    @Option(names = "--key", paramLabel = "K", description = "Only events of key K.")
    String key;

    @Option(names = "--prefix", paramLabel = "P", defaultValue = "", description = "Only keys starting with P "
            + "(taken literally; see --match for patterns).")
    String prefix;

    @Option(names = "--match", paramLabel = "GLOB", description = "Only keys matching GLOB, as in dump --match.")
    String match;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "Only the last N events (of those selected).")
    Integer last;

    @Option(names = {"-f", "--follow"}, description = "Then print new events as they come, until Ctrl-C or "
            + "SIGTERM (exit status 0), as watch does; --json prints JSON Lines then.")
    boolean follow;

    @Option(names = "--json", description = "One JSON document: {\"store\":..., \"events\":[...], \"count\":N, "
            + "\"complete\":true}.")
    boolean json;

    @Mixin
    ClusterOptions cluster;

    private final EventFormat format = new EventFormat();
    private KeyPattern pattern;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (since != null && until != null && !since.isBefore(until)) {
            throw new UserException("--since " + since + " is not before --until " + until);
        }
        if (follow && until != null) {
            throw new UserException("--follow prints events as they come: it cannot end at --until");
        }
        if (last != null && last < 0) {
            throw new UserException("-n " + last + ": give 0 or more events");
        }
        pattern = KeyPattern.of(match);
        cluster.checkFor(directory);
        return follow ? follow() : past();
    }

    private boolean selected(ChangeEvent event) {
        return (since == null || !event.time().isBefore(since)) && (until == null || event.time().isBefore(until))
                && (key == null || event.key().equals(key)) && event.key().startsWith(prefix)
                && pattern.matches(event.key());
    }

    private int past() throws IOException {
        long count = 0;
        boolean complete = true;
        try (SharedState state = Stores.openReadOnly(directory, cluster);
             Stream<ChangeEvent> events = state.journal().events()) {
            Printer printer = json ? new JsonPrinter(out, Stores.name(state, directory)) : new TextPrinter(out);
            ArrayDeque<ChangeEvent> tail = new ArrayDeque<>();
            Iterator<ChangeEvent> iterator = events.iterator();
            while (iterator.hasNext()) {
                if (Signals.requested()) {
                    complete = false;
                    break;
                }
                ChangeEvent event = iterator.next();
                if (!selected(event)) {
                    continue;
                }
                if (last == null) {
                    count++;
                    printer.print(event);
                } else if (last > 0) {
                    if (tail.size() == last) {
                        tail.removeFirst();
                    }
                    tail.addLast(event);
                }
            }
            for (ChangeEvent event : tail) {
                count++;
                printer.print(event);
            }
            printer.end(count, complete);
        }
        out.flush();
        if (!complete) {
            Main.warn("interrupted: the output ends after " + count + " events");
            return Signals.interruptedStatus();
        }
        if (count == 0) {
            DumpCommand.warnIfPrefixIsAGlob(prefix);
        }
        return ExitCode.OK;
    }

    /**
     * Subscribes first, then reads the past: an event journaled meanwhile comes both ways and is printed once (see
     * {@link Printed}), none falls between the two.
     */
    private int follow() throws InterruptedException {
        BlockingQueue<Optional<ChangeEvent>> live = new LinkedBlockingQueue<>();
        Signals.forcedExitStatus(ExitCode.OK);
        Signals.onSignal(() -> live.add(Optional.empty()));
        try (SharedState state = Stores.openReadOnly(directory, cluster);
             Subscription subscription = state.watch(event -> live.add(Optional.of(event)))) {
            Printed printed = new Printed(ClusterOptions.namesCluster(directory));
            ArrayDeque<ChangeEvent> tail = new ArrayDeque<>();
            try (Stream<ChangeEvent> events = state.journal().events()) {
                Iterator<ChangeEvent> iterator = events.iterator();
                while (iterator.hasNext() && !Signals.requested()) {
                    ChangeEvent event = iterator.next();
                    printed.past(event);
                    if (selected(event) && (last == null || last > 0)) {
                        if (last != null && tail.size() == last) {
                            tail.removeFirst();
                        }
                        tail.addLast(event);
                        if (last == null) {
                            printLine(tail.removeFirst());
                        }
                    }
                }
            }
            for (ChangeEvent event : tail) {
                printLine(event);
            }
            Main.info("following " + Stores.name(state, directory) + "; Ctrl-C to stop");
            while (!Signals.requested()) {
                Optional<ChangeEvent> next = live.take();
                if (next.isEmpty()) {
                    break;
                }
                ChangeEvent event = next.get();
                if (printed.isNew(event) && selected(event)) {
                    printLine(event);
                }
            }
        } catch (OutputClosedException e) {
            return ExitCode.OUTPUT_CLOSED;
        }
        return ExitCode.OK;
    }

    private void printLine(ChangeEvent event) {
        if (json) {
            try (JsonGenerator generator = out.json()) {
                format.writeJson(generator, event);
                generator.writeRaw('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            out.println(format.line(event));
        }
        out.flush();
    }

    /**
     * Which live events the past already covered. A local journal numbers every event in order, so the last
     * sequence read tells; a cluster's numbers each key's events apart ({@link ChangeEvent#sequence()} is the key's
     * version), so the events read that are not older than the watch (less a minute, for the members' clocks) are
     * kept and compared whole.
     */
    private static final class Printed {
        private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

        private final boolean cluster;
        private final Instant watchedFrom = Instant.now().minus(CLOCK_SKEW);
        private final Set<ChangeEvent> recent = new HashSet<>();
        private long seen = -1;

        Printed(boolean cluster) {
            this.cluster = cluster;
        }

        void past(ChangeEvent event) {
            seen = event.sequence();
            if (cluster && !event.time().isBefore(watchedFrom)) {
                recent.add(event);
            }
        }

        boolean isNew(ChangeEvent event) {
            return cluster ? !recent.contains(event) : event.sequence() > seen;
        }
    }

    private interface Printer {
        void print(ChangeEvent event) throws IOException;

        void end(long count, boolean complete) throws IOException;
    }

    /** Aligned columns. */
    private final class TextPrinter implements Printer {
        private final Columns columns;

        TextPrinter(Out out) {
            this.columns = new Columns(out, EventFormat.HEADERS);
        }

        @Override
        public void print(ChangeEvent event) {
            columns.row(format.row(event));
        }

        @Override
        public void end(long count, boolean complete) {
            columns.finish();
        }
    }

    /** One document, one event per line inside {@code "events"}. */
    private final class JsonPrinter implements Printer {
        private final JsonGenerator generator;

        JsonPrinter(Out out, String directory) throws IOException {
            generator = out.json();
            generator.setPrettyPrinter(new RecordPerLine());
            generator.writeStartObject();
            generator.writeStringField("store", directory);
            generator.writeArrayFieldStart("events");
        }

        @Override
        public void print(ChangeEvent event) throws IOException {
            format.writeJson(generator, event);
        }

        @Override
        public void end(long count, boolean complete) throws IOException {
            generator.writeEndArray();
            generator.writeNumberField("count", count);
            generator.writeBooleanField("complete", complete);
            generator.writeEndObject();
            generator.close();
        }
    }
}
