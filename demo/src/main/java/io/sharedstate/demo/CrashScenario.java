package io.sharedstate.demo;

import io.sharedstate.JournalMode;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedLongArray;
import io.sharedstate.SharedState;
import io.sharedstate.store.ChronicleSharedState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

/**
 * {@code crash}: N worker JVMs increment one counter, acknowledging each completed increment in their own slot,
 * while the launcher kills random ones with {@code kill -9} and starts replacements. A worker killed while it
 * holds a key's lock leaves it held; the others take it over once they see its owner is dead. The checks: the
 * final total equals the acknowledged increments, plus at most one un-acknowledged increment per kill, and no
 * worker was held up longer than {@link #MAX_STALL_MICROS}. Also reported: the longest stall and how many locks
 * of dead owners were taken over.
 */
@Command(name = "crash", mixinStandardHelpOptions = true,
        description = "Workers increment a counter while random ones are killed with kill -9 and restarted; "
                + "reports the longest stall and the dead owners' locks taken over, and checks that the total "
                + "equals the acknowledged increments.")
final class CrashScenario extends Scenario {
    static final String COUNTER = "crash.counter";
    static final String ACKS = "crash.acks";
    static final String STALLS = "crash.stalls";
    static final String STOP = "crash.stop";

    /**
     * The longest a worker may be held up, the library's promise: a dead owner's key lock is taken over within
     * about 50 ms, and writers never wait for the journal (a dead drainer is replaced within a second).
     */
    static final long MAX_STALL_MICROS = 1_000_000;

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int MIN_PAUSE_MILLIS = 200;
    private static final int MAX_PAUSE_MILLIS = 700;
    private static final long RUN_ON_MILLIS = 1_000;

    @Option(names = "--procs", paramLabel = "N", defaultValue = "3",
            description = "Workers running at any time (default: ${DEFAULT-VALUE}).")
    int procs;

    @Option(names = "--kills", paramLabel = "K", defaultValue = "5",
            description = "Workers killed with kill -9, one at a time, each replaced by a new one "
                    + "(default: ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--journal", paramLabel = "on|off|coalesced", defaultValue = "on",
            description = "Whether the counter and the acknowledgements journal every change (default: "
                    + "${DEFAULT-VALUE}, as for any key: workers are then killed in the middle of journaling too, "
                    + "and the process draining the journal is one of them; the journal stays within its cap).")
    JournalMode journal;

    private final Random random = new Random();
    private final Map<ChildProcess, Integer> slotOf = new HashMap<>();

    /** Returns the short run of the default demo: 2 workers, 3 kills. */
    static CrashScenario quick() {
        CrashScenario quick = new CrashScenario();
        quick.procs = 2;
        quick.kills = 3;
        quick.journal = JournalMode.ON;
        return quick;
    }

    @Override
    String name() {
        return "crash";
    }

    @Override
    void validate() {
        Validate.positive("--procs", procs);
        Validate.atMost("--procs", procs, 32);
        Validate.atLeast("--kills", kills, 0);
        Validate.atMost("--kills", kills, 1_000);
    }

    @Override
    void run(Path directory, Checks checks) throws InterruptedException {
        int slots = procs + kills;
        out.println(procs + " worker JVMs increment " + COUNTER + " and acknowledge each increment in their slot of "
                + ACKS + ", while " + kills + " of them are killed with kill -9 at random moments and replaced; "
                + "journal " + journal.name().toLowerCase(Locale.ROOT));
        try (SharedState state = SharedState.open(directory); ChildGroup group = new ChildGroup(out)) {
            SharedState keys = state.withJournal(journal);
            SharedLong counter = keys.longValue(COUNTER, 0);
            SharedLongArray acks = keys.longArray(ACKS, slots);
            SharedState untracked = state.withJournal(JournalMode.OFF);
            SharedLongArray stalls = untracked.longArray(STALLS, slots);
            SharedLong stop = untracked.longValue(STOP, 0);
            long recoveriesBefore = lockRecoveries(state);

            List<ChildProcess> live = new ArrayList<>();
            for (int slot = 0; slot < procs; slot++) {
                live.add(startWorker(group, directory, slot, slots, acks));
            }
            killAndReplace(group, directory, live, slots, acks);
            Thread.sleep(RUN_ON_MILLIS);
            stop.set(1);
            group.awaitSuccess(Duration.ofSeconds(30));

            long total = counter.get();
            long[] acked = acks.toArray();
            long[] worst = stalls.toArray();
            long recoveries = lockRecoveries(state) - recoveriesBefore;
            report(acked, worst, recoveries);
            check(total, acked, worst, checks);
        }
    }

    private void killAndReplace(ChildGroup group, Path directory, List<ChildProcess> live, int slots,
                                SharedLongArray acks) throws InterruptedException {
        for (int kill = 1; kill <= kills; kill++) {
            Thread.sleep(MIN_PAUSE_MILLIS + random.nextInt(MAX_PAUSE_MILLIS - MIN_PAUSE_MILLIS));
            ChildProcess victim = live.remove(random.nextInt(live.size()));
            group.forget(victim);
            victim.kill9();
            int slot = slotOf.get(victim);
            int next = procs + kill - 1;
            out.println("  kill -9 " + victim + " after " + Format.count(acks.get(slot))
                    + " acknowledged increments; starting worker " + (next + 1));
            live.add(startWorker(group, directory, next, slots, acks));
        }
    }

    /** Starts the worker of {@code slot} and waits until it has acknowledged an increment. */
    private ChildProcess startWorker(ChildGroup group, Path directory, int slot, int slots, SharedLongArray acks) {
        ChildProcess worker = group.start("worker " + (slot + 1), CrashWorker.class, ChildJvm.LONG_LIVED, directory,
                slot, slots);
        slotOf.put(worker, slot);
        group.awaitCondition(worker + " to start incrementing", () -> acks.get(slot) > 0, READY_TIMEOUT);
        return worker;
    }

    private void report(long[] acked, long[] worst, long recoveries) {
        out.println(String.format(Locale.ROOT, "  %-10s %16s %16s", "worker", "acknowledged", "longest stall"));
        for (int slot = 0; slot < acked.length; slot++) {
            out.println(String.format(Locale.ROOT, "  %-10s %16s %16s", "worker " + (slot + 1),
                    Format.count(acked[slot]), Format.micros(worst[slot])));
        }
        int stalled = argMax(worst);
        out.println("  longest stall any worker saw: " + Format.micros(worst[stalled]) + " (worker " + (stalled + 1)
                + ")");
        out.println("  dead owners' locks taken over (lock recoveries): " + recoveries + " after " + kills
                + " kills (a kill leaves a lock only if it lands while the victim holds one)");
    }

    private void check(long total, long[] acked, long[] worst, Checks checks) {
        long acknowledged = LongStream.of(acked).sum();
        long unacknowledged = total - acknowledged;
        checks.expect(unacknowledged >= 0 && unacknowledged <= kills, "crash, final total equals the acknowledged "
                + "increments: total " + Format.count(total) + " = acknowledged " + Format.count(acknowledged)
                + " + " + Format.count(unacknowledged) + " in flight at a kill (allowed: 0 to " + kills + ")");
        long longest = LongStream.of(worst).max().orElse(0);
        checks.expect(longest <= MAX_STALL_MICROS, "crash, no worker stalled by the kills: longest stall "
                + Format.micros(longest) + " (allowed: up to " + Format.micros(MAX_STALL_MICROS) + ")");
    }

    private static int argMax(long[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static long lockRecoveries(SharedState state) {
        return state instanceof ChronicleSharedState chronicle ? chronicle.stats().lockRecoveries() : 0;
    }
}
