package io.sharedstate.cluster.benchmarks;

import java.util.Arrays;

/**
 * The samples of one measured operation, in nanoseconds, all kept (a run takes tens of thousands at most), so that
 * percentiles are exact rather than bucketed.
 */
final class Latency {
    private final String name;
    private long[] samples = new long[1 << 14];
    private int count;

    Latency(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    void clear() {
        count = 0;
    }

    Summary summary() {
        if (count == 0) {
            throw new IllegalStateException("no samples of " + name + ": was it measured?");
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        double total = 0;
        for (long sample : sorted) {
            total += sample;
        }
        return new Summary(name, count, total / count / 1_000, percentile(sorted, 0.50) / 1_000.0,
                percentile(sorted, 0.99) / 1_000.0);
    }

    private static long percentile(long[] sorted, double fraction) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
    }

    /**
     * One series' figures, in microseconds.
     *
     * @param name the series
     * @param count the samples
     * @param mean the mean
     * @param p50 the median
     * @param p99 the 99th percentile
     */
    record Summary(String name, long count, double mean, double p50, double p99) {
    }
}
