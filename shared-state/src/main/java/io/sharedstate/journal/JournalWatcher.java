package io.sharedstate.journal;

import io.sharedstate.ChangeEvent;
import io.sharedstate.Subscription;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A thread that follows the journal files from the moment it was started and hands matching events to a listener.
 * Chronicle Queue has no push, so it polls (see {@link PollingIdle}): delivery stays well under a millisecond
 * while events flow, and an idle watcher costs next to no CPU. A jump in the events' numbers (the size cap deleted what it had not read yet) reaches the listener as
 * one {@link ChangeEvent.Operation#GAP} event, and counts in {@link #missed()}.
 */
final class JournalWatcher implements Subscription, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalWatcher.class);
    private static final long NO_QUEUE_PARK_MILLIS = 5;
    private static final long CLOSE_DRAIN_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ChronicleJournal journal;
    private final KeyFilter filter;
    private final Consumer<ChangeEvent> listener;
    private final CountDownLatch started = new CountDownLatch(1);
    private final Thread thread;
    private final PollingIdle idle = new PollingIdle();
    private volatile boolean stopping;
    private volatile boolean closed;
    private volatile long delivered;
    private volatile long missed;
    private volatile long index = -1;

    JournalWatcher(ChronicleJournal journal, KeyFilter filter, Consumer<ChangeEvent> listener) {
        this.journal = journal;
        this.filter = filter;
        this.listener = listener;
        this.thread = new Thread(this, "shared-state-watch" + (filter.describe().isEmpty() ? "" : "-"
                + filter.describe()));
        this.thread.setDaemon(true);
    }

    /** Starts following; returns once the starting point is fixed, so every later change is delivered. */
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
        started.countDown();
        while (queue == null && !stopping && !journal.isClosed()) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(NO_QUEUE_PARK_MILLIS));
            queue = journal.existingQueue();
        }
        if (queue == null) {
            journal.unwatch(this);
            return;
        }
        try (ExcerptTailer tailer = queue.createTailer()) {
            if (startIndex >= 0) {
                tailer.moveToIndex(startIndex);
                tailer.readingDocument().close();
            }
            follow(new ChronicleJournal.JournalCursor(tailer, journal.directory()));
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.error("watching journal {} failed", journal.directory(), e);
            }
        } finally {
            journal.unwatch(this);
        }
    }

    private void follow(ChronicleJournal.JournalCursor cursor) {
        while (!journal.isClosed()) {
            ChangeEvent event = cursor.next();
            if (event == null) {
                // Once closing, an empty read means everything journaled before the close was delivered.
                if (stopping) {
                    return;
                }
                idle.idle();
                continue;
            }
            idle.reset();
            publishIndex(event.sequence());
            if (event.operation() == ChangeEvent.Operation.GAP) {
                missed += event.count();
                deliver(event);
            } else if (filter.matches(event.key())) {
                deliver(event);
            }
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

    private void publishIndex(long current) {
        if (current != index) {
            long cycleBefore = index < 0 ? -1 : JournalFiles.ROLL_CYCLE.toCycle(index);
            index = current;
            if (JournalFiles.ROLL_CYCLE.toCycle(current) != cycleBefore) {
                journal.publishNeededIndex();
            }
        }
    }

    long index() {
        return index;
    }

    @Override
    public long delivered() {
        return delivered;
    }

    @Override
    public long missed() {
        return missed;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /**
     * Lets what this process journaled reach the journal files (at most two seconds), then reads what is there,
     * delivers it, and stops.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != thread) {
            journal.awaitDrained(CLOSE_DRAIN_NANOS);
        }
        stopping = true;
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closed = true;
    }
}
