package io.sharedstate.demo;

import io.sharedstate.JournalMode;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedLongArray;
import io.sharedstate.SharedState;
import io.sharedstate.store.ChronicleSharedState;
import io.sharedstate.store.StoreMaintenance;
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
import java.util.SortedSet;
import java.util.stream.LongStream;

/**
 * {@code crash}: N worker JVMs do a service's mix of work on shared keys (atomic increments, explicit sections,
 * array element increments and sets, key creation and removal; see {@link CrashWorker}), acknowledging each
 * completed piece in their own slot, while the launcher kills random ones with {@code kill -9} and starts
 * replacements. A worker killed while it holds a key's lock, or inside Chronicle Map or the journal, leaves that
 * state behind; the others must carry on. The checks: the counter and the array cells equal the acknowledged
 * work, plus at most one un-acknowledged piece per kill (acknowledged work lost: none); at most one churned key
 * per kill is left over; no worker failed or was held up longer than {@link #MAX_STALL_MICROS}; and once the
 * workers stop, {@code verify} passes on the live store, without {@code recover}. Run with {@code --kills 1000}
 * it is the crash soak.
 */
@Command(name = "crash", mixinStandardHelpOptions = true,
        description = "Workers increment, lock, set, create and remove keys while random ones are killed with "
                + "kill -9 and restarted; checks that no acknowledged work is lost, that no survivor stalls over 1 s "
                + "and that the live store verifies without recover. --kills 1000 is the crash soak.")
final class CrashScenario extends Scenario {
    static final String COUNTER = "crash.counter";
    static final String ACKS = "crash.acks";
    static final String STALLS = "crash.stalls";
    static final String STOP = "crash.stop";
    static final String CELLS = "crash.cells";
    static final String CELL_ACKS = "crash.cell-acks";
    static final String MARKS = "crash.marks";
    static final String CHURN_PREFIX = "crash.tmp.";
    static final int CELL_COUNT = 64;

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
        out.println(procs + " worker JVMs increment " + COUNTER + " (atomically and in locked sections) and "
                + CELLS + ", set " + MARKS + ", create and remove " + CHURN_PREFIX + "* keys, acknowledging each "
                + "piece of work in their slot, while " + kills + " of them are killed with kill -9 at random "
                + "moments and replaced; journal " + journal.name().toLowerCase(Locale.ROOT));
        try (SharedState state = SharedState.open(directory); ChildGroup group = new ChildGroup(out)) {
            SharedState keys = state.withJournal(journal);
            SharedLong counter = keys.longValue(COUNTER, 0);
            SharedLongArray acks = keys.longArray(ACKS, slots);
            SharedLongArray cells = keys.longArray(CELLS, CELL_COUNT);
            SharedLongArray cellAcks = keys.longArray(CELL_ACKS, slots);
            keys.longArray(MARKS, slots);
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
            check(total, acked, LongStream.of(cells.toArray()).sum(), cellAcks.toArray(), worst, checks);
            checkLeftovers(state, checks);
            checkVerifies(state, checks);
        }
    }

    /**
     * Kills a random worker after a random pause, again and again. The replacement of one kill starts during the
     * next pause, and the next victim is chosen once it has worked for the shortest pause: every kill lands while
     * all live workers work, none of them just started, and a kill costs the longer of the pause and a JVM's
     * start-up, plus that shortest pause, rather than both.
     */
    private void killAndReplace(ChildGroup group, Path directory, List<ChildProcess> live, int slots,
                                SharedLongArray acks) throws InterruptedException {
        ChildProcess starting = null;
        for (int kill = 1; kill <= kills; kill++) {
            Thread.sleep(MIN_PAUSE_MILLIS + random.nextInt(MAX_PAUSE_MILLIS - MIN_PAUSE_MILLIS));
            if (starting != null) {
                awaitWorking(group, starting, acks);
                live.add(starting);
                Thread.sleep(MIN_PAUSE_MILLIS);
            }
            ChildProcess victim = live.remove(random.nextInt(live.size()));
            group.forget(victim);
            victim.kill9();
            int slot = slotOf.get(victim);
            int next = procs + kill - 1;
            out.println("  kill -9 " + victim + " after " + Format.count(acks.get(slot))
                    + " acknowledged increments; starting worker " + (next + 1));
            starting = launchWorker(group, directory, next, slots);
        }
        if (starting != null) {
            awaitWorking(group, starting, acks);
            live.add(starting);
        }
    }

    /** Starts the worker of {@code slot} and waits until it has acknowledged an increment. */
    private ChildProcess startWorker(ChildGroup group, Path directory, int slot, int slots, SharedLongArray acks) {
        ChildProcess worker = launchWorker(group, directory, slot, slots);
        awaitWorking(group, worker, acks);
        return worker;
    }

    private ChildProcess launchWorker(ChildGroup group, Path directory, int slot, int slots) {
        ChildProcess worker = group.start("worker " + (slot + 1), CrashWorker.class, ChildJvm.LONG_LIVED, directory,
                slot, slots);
        slotOf.put(worker, slot);
        return worker;
    }

    private void awaitWorking(ChildGroup group, ChildProcess worker, SharedLongArray acks) {
        int slot = slotOf.get(worker);
        group.awaitCondition(worker + " to start incrementing", () -> acks.get(slot) > 0, READY_TIMEOUT);
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

    private void check(long total, long[] acked, long cellTotal, long[] cellAcked, long[] worst, Checks checks) {
        long acknowledged = LongStream.of(acked).sum();
        long unacknowledged = total - acknowledged;
        long cellsAcknowledged = LongStream.of(cellAcked).sum();
        long cellsUnacknowledged = cellTotal - cellsAcknowledged;
        checks.expect(unacknowledged >= 0 && cellsUnacknowledged >= 0
                        && unacknowledged + cellsUnacknowledged <= kills,
                "crash, final total equals the acknowledged increments: total " + Format.count(total)
                        + " = acknowledged " + Format.count(acknowledged) + " + " + Format.count(unacknowledged)
                        + " in flight at a kill; cells " + Format.count(cellTotal) + " = acknowledged "
                        + Format.count(cellsAcknowledged) + " + " + Format.count(cellsUnacknowledged)
                        + " in flight (acknowledged work lost: none if neither is negative; allowed in flight: "
                        + "0 to " + kills + " in all)");
        long longest = LongStream.of(worst).max().orElse(0);
        checks.expect(longest <= MAX_STALL_MICROS, "crash, no worker stalled by the kills: longest stall "
                + Format.micros(longest) + " (allowed: up to " + Format.micros(MAX_STALL_MICROS) + ")");
    }

    /** A worker killed while it churns leaves its key; survivors remove such keys like any other. */
    private void checkLeftovers(SharedState state, Checks checks) {
        SortedSet<String> leftovers = state.names(CHURN_PREFIX);
        checks.expect(leftovers.size() <= kills, "crash, churned keys left by killed workers: "
                + leftovers.size() + " (allowed: up to one per kill, " + kills + ")");
        leftovers.forEach(state::remove);
    }

    /** Every operation above already ran without StoreRecoveryRequiredException; verify looks at everything. */
    private static void checkVerifies(SharedState state, Checks checks) {
        if (!(state instanceof ChronicleSharedState chronicle)) {
            return;
        }
        StoreMaintenance.VerifyReport report = StoreMaintenance.verify(chronicle);
        checks.expect(report.ok(), "crash, the live store verifies without recover: " + report.keys() + " keys, "
                + report.journalEvents() + " journal events, " + report.keysReplayed() + " keys replayed"
                + (report.ok() ? "" : "; problems: " + String.join("; ", report.problems())));
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
