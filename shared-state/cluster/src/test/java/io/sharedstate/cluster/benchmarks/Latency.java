package io.sharedstate.cluster.benchmarks;

import java.util.Arrays;

/**
 * The samples of one measured operation, in nanoseconds, all kept (a run takes tens of thousands at most), so that
 * percentiles are exact rather than bucketed; and the CPU time the calling thread spent per call, which is where the
 * layer's own work runs, and which the scheduling noise of shared cores hardly moves.
 */
final class Latency {
    private final String name;
    private final int callsPerSample;
    private long[] samples = new long[1 << 14];
    private int count;
    private long cpuNanos;
    private boolean cpuRecorded;

    Latency(String name) {
        this(name, 1);
    }

    /** A series whose every sample stands for {@code callsPerSample} calls (a batch's mean). */
    Latency(String name, int callsPerSample) {
        this.name = name;
        this.callsPerSample = callsPerSample;
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

    /** Adds the calling thread's CPU time over samples just added. */
    void addCpu(long nanos) {
        cpuNanos += nanos;
        cpuRecorded = true;
    }

    void clear() {
        count = 0;
        cpuNanos = 0;
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
                percentile(sorted, 0.99) / 1_000.0, cpuRecorded ? cpuNanos / 1_000.0 / ((double) count * callsPerSample) : Double.NaN);
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
     * @param cpu the calling thread's CPU time per call (NaN for a series that does not record it)
     */
    record Summary(String name, long count, double mean, double p50, double p99, double cpu) {
    }
}
