package io.sharedstate.cluster.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs groups of probes that are compared with each other (the layer's operation and the raw calls it is set
 * beside) in alternating slices: round by round, each probe runs for its share of the time, the order reversed
 * every other round, so that a disturbance of the machine (2 shared cores) falls on all of them rather than on
 * whichever ran during it. Warm-up runs the same way and its samples are dropped. The calling thread's CPU time is
 * read at the ends of each slice, not around each call, so that reading it costs the calls nothing.
 */
final class Runner {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Duration warmup;
    private final Duration measure;
    private final int rounds;

    Runner(Duration warmup, Duration measure, int rounds) {
        this.warmup = warmup;
        this.measure = measure;
        this.rounds = rounds;
    }

    void run(String title, List<Probe> group) throws Exception {
        System.err.printf("measuring %s: %d s warm-up, then %d s per operation in %d rounds%n", title,
                warmup.toSeconds() * group.size(), measure.toSeconds(), rounds);
        rounds(group, warmup.dividedBy(rounds));
        for (Probe probe : group) {
            probe.series().forEach(Latency::clear);
        }
        rounds(group, measure.dividedBy(rounds));
    }

    private void rounds(List<Probe> group, Duration slice) throws Exception {
        List<Probe> order = new ArrayList<>(group);
        for (int round = 0; round < rounds; round++) {
            for (Probe probe : order) {
                slice(probe, slice.toNanos());
            }
            Collections.reverse(order);
        }
    }

    private static void slice(Probe probe, long nanos) throws Exception {
        Latency series = probe.main();
        try (AutoCloseable ignored = probe.slice().open()) {
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long end = System.nanoTime() + nanos;
            while (System.nanoTime() - end < 0) {
                series.add(probe.operation().once());
            }
            series.addCpu(THREADS.getCurrentThreadCpuTime() - cpuStart);
        }
    }
}
