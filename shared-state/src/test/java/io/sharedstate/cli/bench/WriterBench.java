package io.sharedstate.cli.bench;

import io.sharedstate.JournalMode;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedState;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A live writer for measuring what the CLI costs it: {@code WriterBench DIR KEY SECONDS on|off [BUSY_MS]}.
 * Each second it increments one key (journaled or not) in a tight loop for BUSY_MS milliseconds (default 1000:
 * the whole second), then idles for the rest of the second, and prints {@code <epoch millis> <increments per busy
 * second>}. A journaled key appends ~60 bytes per increment to the journal: at millions per second that is over
 * 100 MB/s of disk, hence BUSY_MS. Run as in {@link FillStore}; see docs/bench/cli-impact.sh.
 */
public final class WriterBench {
    private WriterBench() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long seconds = Long.parseLong(args[2]);
        JournalMode journal = args.length > 3 && args[3].equals("on") ? JournalMode.ON : JournalMode.OFF;
        long busyNanos = TimeUnit.MILLISECONDS.toNanos(args.length > 4 ? Long.parseLong(args[4]) : 1000);
        try (SharedState state = SharedState.builder(dir).journal(journal).open()) {
            SharedLong value = state.longValue(args[1], 0);
            long next = System.nanoTime();
            for (long s = 0; s < seconds; s++) {
                long start = System.nanoTime();
                long count = 0;
                long busy;
                do {
                    for (int i = 0; i < 1000; i++) {
                        value.incrementAndGet();
                    }
                    count += 1000;
                    busy = System.nanoTime() - start;
                } while (busy < busyNanos);
                System.out.println(System.currentTimeMillis() + " " + count * 1_000_000_000L / busy);
                System.out.flush();
                next += TimeUnit.SECONDS.toNanos(1);
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }
    }
}
