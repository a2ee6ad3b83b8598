package io.sharedstate.cluster.benchmarks;

import java.util.List;

/**
 * One measured operation: what performs it once and returns its sample, the series that keep its samples (the
 * first is the main one; a watch keeps a second), and what must be open while it runs (a watch's subscription).
 *
 * @param series the series this probe fills, the main one first
 * @param operation performs the operation once
 * @param slice opens what the operation needs for one slice of the run
 */
record Probe(List<Latency> series, Operation operation, Slice slice) {
    private static final Slice NOTHING = () -> () -> { };

    static Probe of(String name, Operation operation) {
        return new Probe(List.of(new Latency(name)), operation, NOTHING);
    }

    /** A probe whose every sample is the mean of a batch of {@code calls}. */
    static Probe batch(String name, int calls, Operation operation) {
        return new Probe(List.of(new Latency(name, calls)), operation, NOTHING);
    }

    Latency main() {
        return series.get(0);
    }

    /** Performs an operation once; returns the sample to keep, in nanoseconds. */
    @FunctionalInterface
    interface Operation {
        long once() throws Exception;
    }

    /** Opens what a probe needs for one slice; closing it ends the slice. */
    @FunctionalInterface
    interface Slice {
        AutoCloseable open() throws Exception;
    }

    /** A call to time. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    /** Returns an operation that times {@code call}. */
    static Operation timed(Call call) {
        return () -> {
            long start = System.nanoTime();
            call.run();
            return System.nanoTime() - start;
        };
    }
}
