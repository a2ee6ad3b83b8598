package io.sharedstate.journal;

import io.sharedstate.ChangeEvent;
import io.sharedstate.Subscription;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A thread that follows the journal from the moment it was started and hands matching events to a listener.
 * Chronicle Queue has no push, so it polls: spinning briefly after each event, then sleeping
 * {@value #IDLE_PARK_MICROS} µs between empty polls, which keeps delivery within about a millisecond while costing
 * little CPU.
 */
final class JournalWatcher implements Subscription, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalWatcher.class);
    private static final long IDLE_PARK_MICROS = 500;
    private static final int SPINS_AFTER_EVENT = 1_000;
    private static final long NO_QUEUE_PARK_MILLIS = 20;

    private final ChronicleJournal journal;
    private final KeyFilter filter;
    private final Consumer<ChangeEvent> listener;
    private final CountDownLatch started = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean closed;
    private volatile long delivered;
    private volatile long cycle = -1;

    private JournalWatcher(ChronicleJournal journal, KeyFilter filter, Consumer<ChangeEvent> listener) {
        this.journal = journal;
        this.filter = filter;
        this.listener = listener;
        this.thread = new Thread(this, "shared-state-watch" + (filter.describe().isEmpty() ? "" : "-" + filter.describe()));
        this.thread.setDaemon(true);
    }

    static JournalWatcher create(ChronicleJournal journal, KeyFilter filter, Consumer<ChangeEvent> listener) {
        return new JournalWatcher(journal, filter, listener);
    }

    /** Starts following; returns once the starting point is fixed, so every later append is delivered. */
    void start() {
        thread.start();
        try {
            started.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        SingleChronicleQueue queue = journal.existingQueue();
        long startIndex = queue == null ? -1 : queue.lastIndex();
        if (startIndex >= 0) {
            publishCycle(queue.rollCycle().toCycle(startIndex));
        }
        started.countDown();
        while (queue == null && !stopping()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(NO_QUEUE_PARK_MILLIS));
            queue = journal.existingQueue();
        }
        if (queue == null) {
            return;
        }
        try (ExcerptTailer tailer = queue.createTailer()) {
            if (startIndex >= 0) {
                tailer.moveToIndex(startIndex);
                tailer.readingDocument().close();
            }
            follow(tailer, queue.rollCycle());
        } catch (RuntimeException e) {
            if (!stopping()) {
                LOG.error("watching journal {} failed", journal.directory(), e);
            }
        } finally {
            journal.unwatch(this);
        }
    }

    private void follow(ExcerptTailer tailer, RollCycle rollCycle) {
        int idle = 0;
        while (!stopping()) {
            if (readOne(tailer, rollCycle)) {
                idle = 0;
                continue;
            }
            if (++idle < SPINS_AFTER_EVENT) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(IDLE_PARK_MICROS));
            }
        }
    }

    private boolean readOne(ExcerptTailer tailer, RollCycle rollCycle) {
        try (DocumentContext document = tailer.readingDocument()) {
            if (!document.isPresent()) {
                return false;
            }
            // Published before the listener runs, however long it takes: retention keeps this cycle and newer.
            publishCycle(rollCycle.toCycle(document.index()));
            if (filter.matches(EventCodec.peekKey(document.wire().bytes()))) {
                deliver(EventCodec.read(document.wire().bytes(), document.index()));
            }
            return true;
        }
    }

    private void deliver(ChangeEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("a journal listener threw on event {}; continuing", event.sequence(), e);
        }
        delivered++;
    }

    private void publishCycle(long current) {
        if (current != cycle) {
            cycle = current;
            journal.publishNeededCycle();
        }
    }

    long cycle() {
        return cycle;
    }

    private boolean stopping() {
        return closed || journal.isClosed();
    }

    @Override
    public long delivered() {
        return delivered;
    }

    @Override
    public long missed() {
        return 0;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
