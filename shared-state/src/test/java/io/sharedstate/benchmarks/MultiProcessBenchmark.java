package io.sharedstate.benchmarks;

import io.sharedstate.JournalMode;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedLongArray;
import io.sharedstate.SharedState;
import io.sharedstate.internal.ChronicleBootstrap;
import io.sharedstate.testing.JavaProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Several processes incrementing one key (or one array element) at once: the aggregate cost per increment,
 * measured from the moment all of them are released until the last one finishes, and the exact total checked.
 * JMH cannot coordinate processes, so this harness does. Run with
 * {@code docs/bench/run-harness.sh MultiProcessBenchmark --procs 2 --ops 5000000 [--journal on] [--array]}.
 */
public final class MultiProcessBenchmark {
    private MultiProcessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ChronicleBootstrap.configure();
        int procs = Integer.parseInt(option(args, "--procs", "2"));
        long ops = Long.parseLong(option(args, "--ops", "5000000"));
        boolean journal = option(args, "--journal", "off").equals("on");
        boolean array = List.of(args).contains("--array");
        Path dir = Files.createTempDirectory("shared-state-mp-bench").resolve("store");
        try (SharedState state = SharedState.builder(dir).journal(journal ? JournalMode.ON : JournalMode.OFF).open()) {
            SharedLong counter = state.longValue("counter", 0);
            SharedLongArray cells = state.longArray("cells", 8);
            SharedLong go = state.longValue("go", 0);
            List<JavaProcess> children = new ArrayList<>();
            for (int i = 0; i < procs; i++) {
                children.add(JavaProcess.start(JavaProcess.FULL_JIT, Child.class, dir, ops, array));
            }
            for (JavaProcess child : children) {
                child.awaitLine("ready", Duration.ofSeconds(60));
            }
            long start = System.nanoTime();
            go.set(1);
            for (JavaProcess child : children) {
                child.awaitLine("done", Duration.ofMinutes(10));
            }
            long elapsed = System.nanoTime() - start;
            children.forEach(child -> child.awaitSuccess(Duration.ofSeconds(30)));
            long total = array ? cells.get(3) : counter.get();
            System.out.printf("%d processes x %,d increments of one %s, journal %s: %.1f ns per increment "
                            + "overall (%.2f s), total %,d %s%n", procs, ops, array ? "array element" : "key",
                    journal ? "on" : "off", (double) elapsed / (procs * ops), elapsed / 1e9, total,
                    total == procs * ops ? "(exact)" : "(WRONG: expected " + procs * ops + ")");
        } finally {
            BenchmarkFiles.delete(dir.getParent());
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** One incrementing process: waits for "go", then increments as fast as it can. */
    public static final class Child {
        private Child() {
        }

        public static void main(String[] args) {
            try (SharedState state = SharedState.open(Path.of(args[0]))) {
                long ops = Long.parseLong(args[1]);
                boolean array = Boolean.parseBoolean(args[2]);
                SharedLong counter = state.longValue("counter");
                SharedLongArray cells = state.longArray("cells", 8);
                SharedLong go = state.longValue("go");
                for (int i = 0; i < 20_000; i++) {
                    cells.addAndGet(0, 1);
                }
                System.out.println("ready");
                System.out.flush();
                while (go.get() == 0) {
                    Thread.onSpinWait();
                }
                if (array) {
                    for (long i = 0; i < ops; i++) {
                        cells.incrementAndGet(3);
                    }
                } else {
                    for (long i = 0; i < ops; i++) {
                        counter.incrementAndGet();
                    }
                }
                System.out.println("done");
                System.out.flush();
            }
        }
    }
}
