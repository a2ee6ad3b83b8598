package io.sharedstate.cli.bench;

import io.sharedstate.JournalMode;
import io.sharedstate.SharedLock;
import io.sharedstate.SharedState;

import java.math.BigInteger;
import java.nio.file.Path;

/**
 * The store of the examples in docs/ops.md: {@code SampleStore DIR [hold]}. With {@code hold}, keeps the store
 * open and the lock of "orders.pending" held until killed, printing "ready" once it holds it. Run as in
 * {@link FillStore}.
 */
public final class SampleStore {
    private SampleStore() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        boolean hold = args.length > 1 && args[1].equals("hold");
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("orders.total", 0).addAndGet(1234);
            state.longValue("orders.pending", 17);
            state.intValue("workers.alive", 4);
            state.doubleArray("latency.p50-p99-ms", 1.25, 8.5, 31.0);
            state.value("requests.bytes", 'Q', new BigInteger("18446744073709551615"));
            state.value("maintenance", '?', 0L);
            state.value("grade", 'c', (long) 'A');
            state.value("symbol", 'u', (long) 'λ');
            state.value("load.avg", 'f', 0.75);
            state.withJournal(JournalMode.OFF).longValue("hot.counter", 987_654);
            state.array("shard.flags", 'B', 1L, 0L, 1L, 1L);
            if (hold) {
                SharedLock lock = state.lock("orders.pending");
                state.longValue("orders.pending").set(18);
                System.out.println("ready");
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
                lock.close();
            }
        }
    }
}
