package io.sharedstate.cluster.benchmarks;

import io.sharedstate.SharedLock;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedState;
import io.sharedstate.cluster.benchmarks.BenchCluster.Placement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Issue 11: the per-operation latency of the cluster layer beside the raw Ignite calls it wraps, made in the same
 * run on the same node, and beside the local store in the same JVM. A three-member loopback cluster: by default two
 * member JVMs and this JVM as the third member, so that the layer and the raw calls share one node and one key
 * placement ({@code --placement}: by default no copy of the keys here, so every call crosses to the key's primary
 * and backup as it would in a larger cluster); {@code --client} runs three member JVMs and this JVM as a client
 * instead, which is what a service that only connects sees. Run with
 * {@code docs/bench/run-cluster-bench.sh [--client] [--placement remote|primary|backup] [--warmup S] [--seconds S]
 * [--rounds N] [--ops get,increment,lock,watch,local] [--out FILE.json|FILE.csv]}.
 *
 * <p>Each operation is timed call by call with {@link System#nanoTime()} on one thread, closed loop, after a
 * warm-up; the operations compared in one row run in alternating slices ({@link Runner}), and the calling thread's
 * CPU time per call is kept beside the latency (the layer's own work runs on that thread). The local store's
 * operations take nanoseconds, so they are timed in batches of 1,000 and their percentiles are of batch means.
 *
 * <p>Watch delivery is timed within this JVM, whose clock both ends share: this JVM writes a key whose primary is
 * another member, and a listener in this JVM is handed the event, which the primary's continuous query sends across
 * the cluster. Timed are the write's start to the listener (write included), its return to the listener (negative
 * when the event beats the acknowledgement), and, with the layer's watch and a bare continuous query open together,
 * how much later the layer's listener gets each event: what the layer adds to delivery.
 */
public final class ClusterBenchmark {
    private static final int LOCAL_BATCH = 1_000;
    /** Where results go so that the JIT cannot drop a call whose result is unused. */
    private static volatile long sink;

    private final BenchCluster cluster;
    private final SharedState state;
    private final RawIgnite raw;
    private final Options options;
    private final Runner runner;
    private final ResultTable table;

    private ClusterBenchmark(BenchCluster cluster, Options options, ResultTable table) {
        this.cluster = cluster;
        this.state = cluster.state();
        this.raw = new RawIgnite(cluster.ignite());
        this.options = options;
        this.runner = new Runner(options.warmup(), options.measure(), options.rounds());
        this.table = table;
    }

    /**
     * Runs the benchmark; see the class comment for the options.
     *
     * @param args the options
     * @throws Exception if the cluster cannot start or an operation fails
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path dir = Files.createTempDirectory("shared-state-cluster-bench");
        ResultTable table = new ResultTable();
        options.describe(table);
        try (BenchCluster cluster = BenchCluster.start(dir, options.client())) {
            table.setting("this JVM", cluster.isClient() ? "client of 3 member JVMs" : "member 0 of 3 (2 member JVMs)");
            new ClusterBenchmark(cluster, options, table).run(dir.resolve("local"));
        } finally {
            delete(dir);
        }
        table.print(System.out);
        if (options.out() != null) {
            table.write(options.out());
            System.out.println("written to " + options.out());
        }
        // Ignite leaves non-daemon threads behind after its node stops.
        System.exit(0);
    }

    private void run(Path localDir) throws Exception {
        if (options.runs("get")) {
            measureGet();
        }
        if (options.runs("increment")) {
            measureIncrement();
        }
        if (options.runs("lock")) {
            measureLockSection();
        }
        if (options.runs("watch")) {
            measureWatch();
        }
        if (options.runs("local")) {
            measureLocal(localDir);
        }
    }

    private void measureGet() throws Exception {
        String key = placedKey("bench.get", RawIgnite.LAYER_VALUES);
        SharedLong ours = state.longValue(key, 0);
        Probe layer = Probe.of("ours get()", Probe.timed(() -> sink = ours.get()));
        Probe engine = Probe.of("raw get", Probe.timed(() -> sink = raw.layerGet(key).hashCode()));
        runner.run("get", List.of(layer, engine));
        table.add("get()", "layer", layer.main(), engine.main(),
                "IgniteCache.get of the same key in the layer's values cache");
    }

    private void measureIncrement() throws Exception {
        String key = placedKey("bench.inc", RawIgnite.cacheNames());
        SharedLong ours = state.longValue(key, 0);
        raw.create(key);
        Probe layer = Probe.of("ours incrementAndGet()", Probe.timed(() -> sink = ours.incrementAndGet()));
        Probe transaction = Probe.of("raw tx increment", Probe.timed(() -> sink = raw.transactionalIncrement(key)));
        Probe optimistic = Probe.of("raw optimistic tx increment",
                Probe.timed(() -> sink = raw.optimisticIncrement(key)));
        Probe atomic = Probe.of("raw invoke ATOMIC", Probe.timed(() -> sink = raw.invokeAtomic(key)));
        Probe transactional = Probe.of("raw invoke TRANSACTIONAL",
                Probe.timed(() -> sink = raw.invokeTransactional(key)));
        runner.run("incrementAndGet", List.of(layer, transaction, optimistic, atomic, transactional));
        table.add("incrementAndGet()", "layer", layer.main(), transaction.main(),
                "pessimistic tx: get + put value + put journal record");
        table.add("incrementAndGet() vs optimistic", "design", layer.main(), optimistic.main(),
                "OPTIMISTIC SERIALIZABLE tx: the same get + put + journal put");
        table.add("incrementAndGet() vs invoke", "design", layer.main(), atomic.main(),
                "invoke(increment processor), ATOMIC cache, no journal");
        table.add("incrementAndGet() vs invoke", "design", layer.main(), transactional.main(),
                "invoke(increment processor), TRANSACTIONAL cache, no journal");
    }

    private void measureLockSection() throws Exception {
        String key = placedKey("bench.lock", RawIgnite.cacheNames());
        SharedLong ours = state.longValue(key, 0);
        raw.create(key);
        Probe layer = Probe.of("ours lock section", Probe.timed(() -> {
            SharedLock lock = ours.lock();
            try {
                ours.set(ours.get() + 1);
            } finally {
                lock.unlock();
            }
        }));
        Probe sameCalls = Probe.of("raw lock section", Probe.timed(() -> sink = raw.lockSection(key)));
        Probe explicit = Probe.of("raw IgniteCache.lock section",
                Probe.timed(() -> sink = raw.explicitLockSection(key)));
        Probe transaction = Probe.of("raw tx section", Probe.timed(() -> sink = raw.transactionalIncrement(key)));
        runner.run("lock section", List.of(layer, sameCalls, explicit, transaction));
        String operation = "lock(); set(get()+1); unlock()";
        table.add(operation, "layer", layer.main(), sameCalls.main(),
                "3 pessimistic txs (take, change+journal, free) + get");
        table.add(operation, "design", layer.main(), explicit.main(),
                "IgniteCache.lock(key); get; put + journal put; unlock");
        table.add(operation, "design", layer.main(), transaction.main(),
                "one pessimistic tx: get + put + journal put");
    }

    /**
     * A write (the layer's incrementAndGet, the same in both) until a listener in this JVM has its event: through
     * the layer's watch, and through a bare continuous query on the layer's journal cache, one at a time; then both
     * open on the same writes, for how much later the layer's listener gets each event than the bare query's (what
     * the layer adds to delivery, free of the write's own noise).
     */
    private void measureWatch() throws Exception {
        String key = placedKey("bench.watch", RawIgnite.LAYER_VALUES);
        SharedLong counter = state.longValue(key, 0);
        Latency oursAfter = new Latency("ours watch, after the write returned");
        Latency rawAfter = new Latency("raw watch, after the write returned");
        WatchTimer oursTimer = new WatchTimer(oursAfter);
        WatchTimer rawTimer = new WatchTimer(rawAfter);
        Probe layer = new Probe(List.of(new Latency("ours watch"), oursAfter),
                () -> oursTimer.once(counter::incrementAndGet), () -> state.watch(key, event -> oursTimer.seen()));
        Probe engine = new Probe(List.of(new Latency("raw watch"), rawAfter),
                () -> rawTimer.once(counter::incrementAndGet), () -> raw.watchLayerJournal(key, rawTimer::seen));
        Probe both = new Probe(List.of(new Latency("ours after raw, same events")),
                () -> WatchTimer.pair(oursTimer, rawTimer, counter::incrementAndGet), () -> {
                    AutoCloseable ours = state.watch(key, event -> oursTimer.seen());
                    AutoCloseable bare = raw.watchLayerJournal(key, rawTimer::seen);
                    return () -> {
                        try (bare; ours) {
                            // Closing both ends the slice.
                        }
                    };
                });
        runner.run("watch delivery", List.of(layer, engine, both));
        table.add("watch: write start -> listener", "layer", layer.main(), engine.main(),
                "ContinuousQuery on the layer's journal, remote filter, same writes");
        table.add("watch: write return -> listener", "delivery", oursAfter, rawAfter,
                "the same, from the write's return");
        table.add("watch: ours after raw, same event", "delivery", both.main(), null,
                "both open on the same writes: the layer's delay per event");
    }

    private void measureLocal(Path dir) throws Exception {
        try (SharedState local = SharedState.open(dir)) {
            SharedLong value = local.longValue("bench.local", 0);
            Probe get = Probe.batch("local get()", LOCAL_BATCH, batched(value::get));
            Probe increment = Probe.batch("local incrementAndGet()", LOCAL_BATCH, batched(value::incrementAndGet));
            Probe section = Probe.batch("local lock section", LOCAL_BATCH, batched(() -> {
                try (SharedLock ignored = value.lock()) {
                    value.set(value.get() + 1);
                }
                return 0;
            }));
            for (Probe probe : List.of(get, increment, section)) {
                runner.run(probe.main().name(), List.of(probe));
            }
            String note = "local store, same JVM, journal " + local.info("bench.local").journal()
                    + " (per op, from batches of " + LOCAL_BATCH + ")";
            table.add("local get()", "local", get.main(), null, note);
            table.add("local incrementAndGet()", "local", increment.main(), null, note);
            table.add("local lock; set(get()+1); unlock", "local", section.main(), null, note);
        }
    }

    private String placedKey(String base, String... caches) {
        String key = cluster.placedKey(base, options.placement(), caches);
        table.setting("key " + key, cluster.describePlacement(key));
        return key;
    }

    private static Probe.Operation batched(LongSupplier call) {
        return () -> {
            long total = 0;
            long start = System.nanoTime();
            for (int i = 0; i < LOCAL_BATCH; i++) {
                total += call.getAsLong();
            }
            long elapsed = System.nanoTime() - start;
            sink = total;
            return elapsed / LOCAL_BATCH;
        };
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * The command line.
     *
     * @param client whether this JVM joins as a client of three member JVMs
     * @param placement where the keys' copies sit, seen from this JVM
     * @param warmup the warm-up of each operation
     * @param measure the measured time of each operation
     * @param rounds the slices each operation's time is cut into
     * @param ops the groups to run
     * @param out the file to write, or null
     */
    record Options(boolean client, Placement placement, Duration warmup, Duration measure, int rounds,
                   Set<String> ops, Path out) {
        private static final Set<String> ALL = Set.of("get", "increment", "lock", "watch", "local");

        static Options parse(String[] args) {
            List<String> list = List.of(args);
            Set<String> ops = Set.of(value(list, "--ops", String.join(",", ALL)).split(","));
            if (!ALL.containsAll(ops)) {
                throw new IllegalArgumentException("--ops takes some of " + ALL + ", got " + ops);
            }
            String out = value(list, "--out", null);
            return new Options(list.contains("--client"),
                    Placement.valueOf(value(list, "--placement", "remote").toUpperCase(java.util.Locale.ROOT)),
                    Duration.ofSeconds(Long.parseLong(value(list, "--warmup", "10"))),
                    Duration.ofSeconds(Long.parseLong(value(list, "--seconds", "20"))),
                    Integer.parseInt(value(list, "--rounds", "5")), ops, out == null ? null : Path.of(out));
        }

        boolean runs(String group) {
            return ops.contains(group);
        }

        void describe(ResultTable table) {
            table.setting("date", Instant.now().toString());
            table.setting("java", System.getProperty("java.vm.name") + " " + Runtime.version());
            table.setting("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
            table.setting("placement", placement.name().toLowerCase(java.util.Locale.ROOT));
            table.setting("timing", warmup.toSeconds() + " s warm-up and " + measure.toSeconds()
                    + " s measured per operation, in " + rounds + " alternating rounds");
        }

        private static String value(List<String> args, String name, String fallback) {
            int at = args.indexOf(name);
            return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : fallback;
        }
    }
}
