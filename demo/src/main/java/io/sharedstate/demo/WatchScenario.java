package io.sharedstate.demo;

import io.sharedstate.ChangeEvent;
import io.sharedstate.JournalMode;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedLongArray;
import io.sharedstate.SharedState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * {@code watch}: one worker JVM watches the journal ({@link SharedState#watch}) while two others write, and
 * prints every change it sees as it arrives. The checks: the watcher saw as many changes as the writers
 * acknowledged making, and exactly the ones the journal recorded (same count and sequences), whose counter deltas
 * add up to the counter's final value.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "One process watches the journal while two others write; it prints the changes it sees "
                + "live, and the scenario checks that it saw every one.")
final class WatchScenario extends Scenario {
    static final String PREFIX = "watch.";
    static final String COUNTER = "watch.counter";
    static final String TEMPS = "watch.temps";
    static final int TEMPS_LENGTH = 3;
    static final int WRITERS = 2;
    static final int CHANGES_PER_ROUND = 2;

    static final String WRITTEN = "demo.watch.written";
    static final String SEEN = "demo.watch.seen";
    static final int SEEN_COUNT = 0;
    static final int SEEN_SEQUENCES = 1;
    static final int SEEN_DELTAS = 2;
    static final int SEEN_LENGTH = 3;
    static final String STOP = "demo.watch.stop";
    static final String READY_GATE = "demo.watch.ready";

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long DELIVERY_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "5",
            description = "Rounds per writer, each a counter increment and an array element set "
                    + "(default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--pause", paramLabel = "MILLIS", defaultValue = "150",
            description = "Pause of a writer between rounds, in milliseconds (default: ${DEFAULT-VALUE}).")
    long pauseMillis;

    @Override
    String name() {
        return "watch";
    }

    @Override
    void validate() {
        Validate.positive("--rounds", rounds);
        Validate.atLeast("--pause", pauseMillis, 0);
    }

    @Override
    void run(Path directory, Checks checks) throws InterruptedException {
        out.println("1 worker JVM watches the journal for " + PREFIX + "*, while " + WRITERS + " others each make "
                + rounds + " rounds of changes; every line below comes from the process named in brackets");
        try (SharedState state = SharedState.open(directory);
             ChildGroup watcher = new ChildGroup(out);
             ChildGroup writers = new ChildGroup(out)) {
            SharedLong counter = state.longValue(COUNTER, 0);
            state.doubleArray(TEMPS, TEMPS_LENGTH);
            SharedState untracked = state.withJournal(JournalMode.OFF);
            SharedLongArray written = untracked.longArray(WRITTEN, WRITERS);
            SharedLongArray seen = untracked.longArray(SEEN, SEEN_LENGTH);
            SharedLong stop = untracked.longValue(STOP, 0);
            long journalStart = state.journal().lastSequence();

            watcher.start("watcher", Watcher.class, ChildJvm.SHORT_LIVED, directory);
            StartGate.of(state, READY_GATE).awaitArrivals(1, watcher, TIMEOUT);
            for (int i = 0; i < WRITERS; i++) {
                writers.start("writer " + (i + 1), WatchWriter.class, ChildJvm.SHORT_LIVED, directory, i, rounds,
                        pauseMillis);
            }
            out.println("  started " + writers.children().stream().map(ChildProcess::toString)
                    .collect(Collectors.joining(" and ")));
            writers.awaitSuccess(TIMEOUT);
            long made = LongStream.of(written.toArray()).sum();
            awaitDelivery(seen, made);
            stop.set(1);
            watcher.awaitSuccess(TIMEOUT);
            check(state, journalStart, made, seen.toArray(), counter.get(), checks);
        }
    }

    /** Waits until the watcher has seen {@code made} changes, or gives up after ten seconds. */
    private static void awaitDelivery(SharedLongArray seen, long made) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_WAIT_NANOS;
        while (seen.get(SEEN_COUNT) < made && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
    }

    private void check(SharedState state, long journalStart, long made, long[] seen, long counter, Checks checks) {
        long planned = (long) WRITERS * rounds * CHANGES_PER_ROUND;
        checks.expect(made == planned && seen[SEEN_COUNT] == made, "watch, changes the watcher saw: expected "
                + Format.count(planned) + " (" + WRITERS + " writers x " + rounds + " rounds x " + CHANGES_PER_ROUND
                + " changes; the writers acknowledged " + Format.count(made) + "), got "
                + Format.count(seen[SEEN_COUNT]));
        long[] journal = journalTally(state, journalStart);
        boolean sameEvents = journal[SEEN_COUNT] == seen[SEEN_COUNT] && journal[SEEN_SEQUENCES] == seen[SEEN_SEQUENCES];
        checks.expect(sameEvents && seen[SEEN_DELTAS] == counter, "watch, the watcher saw exactly the journal's "
                + Format.count(journal[SEEN_COUNT]) + " changes (" + (sameEvents ? "same" : "different")
                + " sequences), whose increments add up to " + COUNTER + " = " + Format.count(counter) + ": "
                + "sum of deltas seen " + Format.count(seen[SEEN_DELTAS]));
    }

    /** Returns the count and sum of sequences of the journal's {@code watch.*} events after {@code start}. */
    private static long[] journalTally(SharedState state, long start) {
        long[] tally = new long[SEEN_LENGTH];
        try (Stream<ChangeEvent> events = state.journal().eventsFrom(Math.max(start, 0))) {
            events.filter(event -> event.sequence() > start && event.key().startsWith(PREFIX)).forEach(event -> {
                tally[SEEN_COUNT]++;
                tally[SEEN_SEQUENCES] += event.sequence();
            });
        }
        return tally;
    }
}
