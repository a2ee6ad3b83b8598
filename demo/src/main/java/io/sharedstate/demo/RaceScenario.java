package io.sharedstate.demo;

import io.sharedstate.JournalMode;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code race}: why atomic operations matter. N worker JVMs add one to a shared value M times with a read
 * followed by a write, {@code v.set(v.get() + 1)}, which is Python's {@code v.value += 1}, and lose updates; then
 * with {@code incrementAndGet()}, and lose none. Both phases start from a gate in the store, so that the workers
 * really run at the same time. The check is that the atomic total is exact; the lossy total is the demonstration.
 */
@Command(name = "race", mixinStandardHelpOptions = true,
        description = "Shows lost updates: N processes do get-then-set(get + 1) on one value, then "
                + "incrementAndGet(); prints both totals and checks that the atomic one is exact.")
final class RaceScenario extends Scenario {
    static final String LOSSY = "race.lossy";
    static final String ATOMIC = "race.atomic";
    static final String LOSSY_GATE = "race.gate.lossy";
    static final String ATOMIC_GATE = "race.gate.atomic";
    static final String DONE_GATE = "race.gate.done";

    @Option(names = "--procs", paramLabel = "N", defaultValue = "2",
            description = "Worker processes (default: ${DEFAULT-VALUE}).")
    int procs;

    @Option(names = "--ops", paramLabel = "M", defaultValue = "1000000",
            description = "Increments per process and phase (default: ${DEFAULT-VALUE}).")
    long ops;

    @Override
    String name() {
        return "race";
    }

    @Override
    void validate() {
        Validate.positive("--procs", procs);
        Validate.positive("--ops", ops);
    }

    @Override
    void run(Path directory, Checks checks) throws InterruptedException {
        long expected = procs * ops;
        out.println(procs + " worker JVMs each add 1 to a shared value " + Format.count(ops)
                + " times: first the wrong way, then atomically.");
        try (SharedState state = SharedState.open(directory); ChildGroup group = new ChildGroup(out)) {
            // Not journaled: this scenario is about atomicity, and a journal would only slow both phases alike.
            SharedState untracked = state.withJournal(JournalMode.OFF);
            SharedLong lossy = untracked.longValue(LOSSY, 0);
            SharedLong atomic = untracked.longValue(ATOMIC, 0);
            StartGate lossyGate = StartGate.of(state, LOSSY_GATE);
            StartGate atomicGate = StartGate.of(state, ATOMIC_GATE);
            StartGate doneGate = StartGate.of(state, DONE_GATE);
            for (int i = 1; i <= procs; i++) {
                group.start("worker " + i, RaceWorker.class, ChildJvm.LONG_LIVED, directory, ops);
            }
            Duration timeout = Duration.ofSeconds(60 + expected / 200_000);

            lossyGate.awaitArrivals(procs, group, timeout);
            out.println();
            out.println("  Python: v.value += 1                Java: v.set(v.get() + 1)");
            out.println("  (a read, then a write: whatever another process writes in between is overwritten)");
            long lossyStart = lossyGate.open();
            atomicGate.awaitArrivals(procs, group, timeout);
            long lossyTime = System.nanoTime() - lossyStart;
            long lossyTotal = lossy.get();
            reportLossy(expected, lossyTotal, lossyTime);

            out.println();
            out.println("  Python: with v.get_lock():          Java: v.incrementAndGet()");
            out.println("              v.value += 1");
            long atomicStart = atomicGate.open();
            doneGate.awaitArrivals(procs, group, timeout);
            long atomicTime = System.nanoTime() - atomicStart;
            long atomicTotal = atomic.get();
            out.println("  atomic:     total " + Format.count(atomicTotal) + " of " + Format.count(expected)
                    + " expected, " + Format.count(expected - atomicTotal) + " lost, in "
                    + Format.seconds(atomicTime));
            group.awaitSuccess(timeout);
            checks.expectEqual("race, atomic incrementAndGet() by " + procs + " processes x " + Format.count(ops),
                    expected, atomicTotal);
        }
    }

    private void reportLossy(long expected, long total, long nanos) {
        long lost = expected - total;
        out.println("  non-atomic: total " + Format.count(total) + " of " + Format.count(expected) + " expected, "
                + Format.count(lost) + " updates lost (" + Format.percent(lost, expected) + "), in "
                + Format.seconds(nanos));
        if (lost == 0) {
            out.println("  (no update was lost this time: the workers barely overlapped; try a larger --ops)");
        }
    }
}
