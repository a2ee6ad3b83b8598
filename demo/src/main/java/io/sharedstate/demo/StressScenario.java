package io.sharedstate.demo;

import io.sharedstate.JournalMode;
import io.sharedstate.SharedLongArray;
import io.sharedstate.SharedState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code stress}: N worker JVMs make M increments each, spread over K targets (counters and array elements, see
 * {@link StressPlan}), all at once. The clock runs from the moment the start gate in the store opens, when every
 * worker is ready, until the last one has finished; the aggregate time per increment is that wall time divided by
 * N x M. The check compares every counter and element with the number of increments it must have received.
 */
@Command(name = "stress", mixinStandardHelpOptions = true,
        description = "N processes x M increments spread over K counters and array elements; prints a live "
                + "progress line on a terminal, the aggregate ns per increment, and checks the exact totals.")
final class StressScenario extends Scenario {
    static final String PROGRESS = "stress.progress";
    static final String START_GATE = "stress.gate.start";
    static final String DONE_GATE = "stress.gate.done";

    private static final int MAX_PROCS = 64;
    private static final int MAX_TARGETS = 1_000;
    private static final int TARGETS_SHOWN = 8;

    @Option(names = "--procs", paramLabel = "N", defaultValue = "4",
            description = "Worker processes (default: ${DEFAULT-VALUE}).")
    int procs;

    @Option(names = "--ops", paramLabel = "M", defaultValue = "1000000",
            description = "Increments per process (default: ${DEFAULT-VALUE}).")
    long ops;

    @Option(names = "--keys", paramLabel = "K", defaultValue = "1",
            description = "Targets the increments are spread over, round-robin: the counters stress.counter.0, "
                    + ".1, ... and the elements of the array stress.slots, alternately. The default, "
                    + "${DEFAULT-VALUE}, makes every process hammer one counter, like Python's benchmark.")
    int keys;

    @Option(names = "--journal", paramLabel = "on|off", defaultValue = "on",
            description = "Whether the keys journal every change (default: ${DEFAULT-VALUE}).")
    JournalMode journal;

    /** Returns the short run of the default demo: 2 processes x 200,000 increments over 4 targets. */
    static StressScenario quick() {
        StressScenario quick = new StressScenario();
        quick.procs = 2;
        quick.ops = 200_000;
        quick.keys = 4;
        quick.journal = JournalMode.ON;
        return quick;
    }

    @Override
    String name() {
        return "stress";
    }

    @Override
    void validate() {
        Validate.positive("--procs", procs);
        Validate.atMost("--procs", procs, MAX_PROCS);
        Validate.positive("--ops", ops);
        Validate.positive("--keys", keys);
        Validate.atMost("--keys", keys, MAX_TARGETS);
    }

    @Override
    void run(Path directory, Checks checks) throws InterruptedException {
        StressPlan plan = new StressPlan(procs, ops, keys);
        out.println(procs + " worker JVMs x " + Format.count(ops) + " increments, spread over " + describeTargets(plan)
                + "; journal " + journal.name().toLowerCase(Locale.ROOT));
        try (SharedState state = SharedState.open(directory); ChildGroup group = new ChildGroup(out)) {
            createKeys(state, plan);
            SharedLongArray progress = state.withJournal(JournalMode.OFF).longArray(PROGRESS, procs);
            StartGate start = StartGate.of(state, START_GATE);
            StartGate done = StartGate.of(state, DONE_GATE);
            for (int i = 0; i < procs; i++) {
                group.start("worker " + (i + 1), StressWorker.class, ChildJvm.LONG_LIVED, directory, i, procs, ops,
                        keys);
            }
            start.awaitArrivals(procs, group, Duration.ofSeconds(60 + 5L * procs));
            out.println("  all " + procs + " workers ready (JVM started, store open, keys attached): go");

            long begin = start.open();
            ProgressLine line = ProgressLine.start(out, progress, plan.total(), begin);
            group.awaitCondition("the workers to finish", () -> done.arrivals() >= procs, timeout(plan), line::tick);
            long elapsed = System.nanoTime() - begin;
            line.finish();

            long[] actual = readTargets(state, plan);
            group.awaitSuccess(Duration.ofSeconds(30));
            report(plan, elapsed);
            check(plan, actual, checks);
        }
    }

    private void createKeys(SharedState state, StressPlan plan) {
        SharedState keysState = state.withJournal(journal);
        for (int i = 0; i < plan.counters(); i++) {
            keysState.longValue(StressPlan.counter(i), 0);
        }
        if (plan.slots() > 0) {
            keysState.longArray(StressPlan.SLOTS, plan.slots());
        }
    }

    private static long[] readTargets(SharedState state, StressPlan plan) {
        long[] actual = new long[plan.targets()];
        long[] slots = plan.slots() > 0 ? state.longArray(StressPlan.SLOTS, plan.slots()).toArray() : new long[0];
        for (int t = 0; t < actual.length; t++) {
            actual[t] = (t & 1) == 0 ? state.longValue(StressPlan.counter(t / 2)).get() : slots[t / 2];
        }
        return actual;
    }

    private void report(StressPlan plan, long elapsed) {
        double nsPerIncrement = (double) elapsed / plan.total();
        double perSecond = plan.total() / (elapsed / 1e9);
        out.println("  parallel phase: " + Format.seconds(elapsed) + ", from the start gate until the last worker"
                + " finished");
        out.println(String.format(Locale.ROOT, "  aggregate: %,.0f ns per increment (%s overall, %s per process)",
                nsPerIncrement, Format.rate(perSecond), Format.rate(perSecond / plan.procs())));
    }

    private void check(StressPlan plan, long[] actual, Checks checks) {
        long[] expected = plan.expectedAll();
        out.println(String.format(Locale.ROOT, "  %-22s %14s %14s", "target", "expected", "actual"));
        for (int t = 0; t < Math.min(plan.targets(), TARGETS_SHOWN); t++) {
            out.println(String.format(Locale.ROOT, "  %-22s %14s %14s", plan.describe(t), Format.count(expected[t]),
                    Format.count(actual[t])));
        }
        if (plan.targets() > TARGETS_SHOWN) {
            out.println("  ... and " + (plan.targets() - TARGETS_SHOWN) + " more targets");
        }
        long total = Arrays.stream(actual).sum();
        boolean exact = Arrays.equals(expected, actual);
        checks.expect(exact && total == plan.total(), "stress, " + plan.procs() + " processes x "
                + Format.count(plan.ops()) + " increments: expected total " + Format.count(plan.total()) + ", got "
                + Format.count(total) + (exact ? "; every target exact" : "; targets differ: " + mismatches(plan,
                expected, actual)));
    }

    private static String mismatches(StressPlan plan, long[] expected, long[] actual) {
        StringBuilder text = new StringBuilder();
        for (int t = 0; t < expected.length && text.length() < 200; t++) {
            if (expected[t] != actual[t]) {
                text.append(plan.describe(t)).append(' ').append(Format.count(actual[t])).append(" (expected ")
                        .append(Format.count(expected[t])).append(") ");
            }
        }
        return text.toString().trim();
    }

    private static String describeTargets(StressPlan plan) {
        if (plan.targets() == 1) {
            return "1 counter (" + StressPlan.counter(0) + ")";
        }
        return plan.counters() + " counter(s) " + StressPlan.COUNTER_PREFIX + "* and " + plan.slots()
                + " element(s) of " + StressPlan.SLOTS;
    }

    private static Duration timeout(StressPlan plan) {
        // Generous: 20 us per increment, ten times the slowest rate seen on two cores with the journal on.
        return Duration.ofSeconds(60 + plan.total() / 50_000);
    }
}
