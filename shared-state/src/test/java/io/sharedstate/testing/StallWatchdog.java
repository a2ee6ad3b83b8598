package io.sharedstate.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Watches one thread's operations: while an operation has taken longer than a threshold, it samples the thread's
 * stack, so that a test failing on a stall can say where the thread waited. Call {@link #begin()} before each
 * operation and {@link #end()} after it.
 */
public final class StallWatchdog implements AutoCloseable {
    private final Thread watched;
    private final long thresholdNanos;
    private final Thread sampler;
    private final List<String> samples = new ArrayList<>();
    private volatile long began;
    private volatile boolean closed;

    private StallWatchdog(Thread watched, long thresholdNanos) {
        this.watched = watched;
        this.thresholdNanos = thresholdNanos;
        this.sampler = new Thread(this::sample, "stall-watchdog");
        this.sampler.setDaemon(true);
    }

    /** Starts watching the current thread, sampling operations that take longer than {@code thresholdMillis}. */
    public static StallWatchdog watchCurrentThread(long thresholdMillis) {
        StallWatchdog watchdog = new StallWatchdog(Thread.currentThread(), TimeUnit.MILLISECONDS.toNanos(thresholdMillis));
        watchdog.sampler.start();
        return watchdog;
    }

    public void begin() {
        began = System.nanoTime();
    }

    public void end() {
        began = 0;
    }

    /** Returns the stacks sampled during slow operations, oldest first, at most 20. */
    public synchronized String report() {
        return samples.isEmpty() ? "(no slow operation sampled)" : String.join("\n", samples);
    }

    private void sample() {
        while (!closed) {
            long start = began;
            if (start != 0 && System.nanoTime() - start > thresholdNanos) {
                StringBuilder stack = new StringBuilder("after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
                        + " ms:");
                for (StackTraceElement frame : watched.getStackTrace()) {
                    stack.append("\n    at ").append(frame);
                }
                synchronized (this) {
                    if (samples.size() < 20) {
                        samples.add(stack.toString());
                    }
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        sampler.interrupt();
    }
}
