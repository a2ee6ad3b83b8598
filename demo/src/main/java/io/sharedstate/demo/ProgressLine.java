package io.sharedstate.demo;

import io.sharedstate.SharedLongArray;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * The live progress line of {@code stress} on a terminal: elapsed time, increments per second overall and per
 * worker, and percent done, rewritten in place four times a second from the workers' progress slots in the
 * store. Off a terminal it prints nothing, so that logs and tests get only the final figures.
 */
final class ProgressLine {
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final PrintStream out;
    private final SharedLongArray progress;
    private final long total;
    private final long start;
    private final boolean enabled;
    private long[] last;
    private long lastTime;
    private int width;

    private ProgressLine(PrintStream out, SharedLongArray progress, long total, long start, boolean enabled) {
        this.out = out;
        this.progress = progress;
        this.total = total;
        this.start = start;
        this.enabled = enabled;
        this.last = new long[progress.length()];
        this.lastTime = start;
    }

    /** Returns a progress line started at {@code start} ({@link System#nanoTime()}), live only on a terminal. */
    static ProgressLine start(PrintStream out, SharedLongArray progress, long total, long start) {
        return new ProgressLine(out, progress, total, start, System.console() != null);
    }

    /** Rewrites the line if a quarter of a second has passed since the last time. */
    void tick() {
        long now = System.nanoTime();
        if (!enabled || now - lastTime < INTERVAL_NANOS) {
            return;
        }
        long[] current = progress.toArray();
        String line = render(current, now);
        out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        out.flush();
        width = line.length();
        last = current;
        lastTime = now;
    }

    /** Ends the line, so that what follows starts on a new one. */
    void finish() {
        if (enabled && width > 0) {
            out.print("\r" + " ".repeat(width) + "\r");
            out.flush();
        }
    }

    private String render(long[] current, long now) {
        double seconds = (now - lastTime) / 1e9;
        long done = 0;
        long delta = 0;
        StringBuilder perWorker = new StringBuilder();
        for (int i = 0; i < current.length; i++) {
            done += current[i];
            delta += current[i] - last[i];
            perWorker.append(i == 0 ? "" : "  ").append('w').append(i + 1).append(' ')
                    .append(Format.rate((current[i] - last[i]) / seconds));
        }
        return String.format("  %5.1f s  %s overall  [%s]  %s", (now - start) / 1e9, Format.rate(delta / seconds),
                perWorker, Format.percent(done, total));
    }
}
