package io.sharedstate.journal;

import io.sharedstate.ChangeEvent;
import io.sharedstate.ChangeEvent.Operation;
import io.sharedstate.Journal;
import io.sharedstate.Subscription;
import io.sharedstate.TypeCode;
import io.sharedstate.internal.MicrosClock;
import io.sharedstate.lock.ProcessLiveness;
import io.sharedstate.lock.ProcessRegistry;
import io.sharedstate.lock.Registration;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.impl.single.ThreadLocalAppender;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.UnrecoverableTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The change journal on a Chronicle Queue in {@code DIR/journal}: every process appends to it, under the changed
 * key's lock; any process reads or watches it.
 *
 * <p>The queue is opened on a background thread when the store opens, so its start-up overlaps the map's. Its
 * write lock is waited for at most {@value #WRITE_LOCK_TIMEOUT_MILLIS} ms × 1.5 before a lock left by a dead
 * writer is broken, which bounds how long a {@code kill -9} during an append can delay other writers; an event
 * the dead writer left half-written is never shown to readers.
 */
public final class ChronicleJournal implements Journal, JournalWriter, AutoCloseable {
    /** The queue's write-lock timeout; other writers continue 1.5 times this after a writer dies mid-append. */
    public static final long WRITE_LOCK_TIMEOUT_MILLIS = 300;
    /** An internal setting for tests: the roll cycle's name, such as {@code TEST_SECONDLY}. */
    public static final String ROLL_CYCLE_PROPERTY = "io.sharedstate.journal.rollCycle";

    private static final Logger LOG = LoggerFactory.getLogger(ChronicleJournal.class);
    private static final ThreadLocal<Bytes<?>> SCRATCH = ThreadLocal.withInitial(() -> Bytes.allocateElasticDirect(256));
    private static final ThreadLocal<long[]> ONE_VALUE = ThreadLocal.withInitial(() -> new long[1]);

    private final Path directory;
    private final boolean readOnly;
    private final ProcessRegistry registry;
    private final Retention retention;
    private final MicrosClock clock = MicrosClock.system();
    private final int pid = ProcessLiveness.currentPid();
    private final Set<JournalWatcher> watchers = ConcurrentHashMap.newKeySet();
    private final List<SingleChronicleQueue> retired = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile CompletableFuture<SingleChronicleQueue> queue;
    private volatile boolean queueWritable;
    private volatile Registration registration;
    private volatile boolean closed;

    private ChronicleJournal(Path directory, boolean readOnly, ProcessRegistry registry, Registration registration,
                             int retentionCycles, long retentionBytes) {
        this.directory = directory;
        this.readOnly = readOnly;
        this.registry = registry;
        this.registration = registration;
        this.retention = new Retention(directory, retentionCycles, retentionBytes, registry);
    }

    /** Opens the journal for writing; the queue itself opens in the background. */
    public static ChronicleJournal open(Path directory, int retentionCycles, long retentionBytes,
                                        ProcessRegistry registry, Registration registration) {
        ChronicleJournal journal = new ChronicleJournal(directory, false, registry, registration, retentionCycles,
                retentionBytes);
        journal.startOpening();
        return journal;
    }

    /**
     * Publishes the queue's future before the thread that opens it starts, so that nothing that thread starts
     * (retention) can find the field empty and open a read-only queue of its own.
     */
    private synchronized void startOpening() {
        CompletableFuture<SingleChronicleQueue> opening = new CompletableFuture<>();
        queue = opening;
        queueWritable = true;
        daemonExecutor("open").execute(() -> {
            try {
                opening.complete(buildQueue(false));
            } catch (RuntimeException | Error e) {
                opening.completeExceptionally(e);
            }
        });
    }

    /** Opens the journal for reading only; nothing is created until a writer has written. */
    public static ChronicleJournal openReadOnly(Path directory, ProcessRegistry registry) {
        return new ChronicleJournal(directory, true, registry, null, Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    /** Makes a read-only journal writable, for a store that was first opened read-only in this JVM. */
    public synchronized void setRegistration(Registration registration) {
        this.registration = registration;
    }

    // ---- writing

    @Override
    public void append(Operation operation, byte[] key, TypeCode type, boolean array, int index, long value,
                       long delta, boolean hasDelta) {
        long[] values = ONE_VALUE.get();
        values[0] = value;
        Bytes<?> bytes = SCRATCH.get();
        bytes.clear();
        EventCodec.write(bytes, operation, key, type, array, index, pid, clock.nowMicros(), values, 1, delta,
                hasDelta);
        write(bytes);
    }

    @Override
    public void appendAll(Operation operation, byte[] key, TypeCode type, boolean array, long[] values) {
        Bytes<?> bytes = SCRATCH.get();
        bytes.clear();
        EventCodec.write(bytes, operation, key, type, array, -1, pid, clock.nowMicros(), values, values.length, 0,
                false);
        write(bytes);
    }

    private void write(Bytes<?> bytes) {
        if (readOnly && registration == null) {
            throw new UnsupportedOperationException("journal " + directory + " was opened read-only");
        }
        ExcerptAppender appender = ThreadLocalAppender.acquireThreadLocalAppender(writableQueue());
        for (int attempt = 1; ; attempt++) {
            try {
                appender.writeBytes(bytes);
                return;
            } catch (UnrecoverableTimeoutException e) {
                // A live writer held the queue's lock past the timeout (a long pause): wait our turn again.
                LOG.warn("journal {}: write lock busy for over {} ms (attempt {}); retrying", directory,
                        WRITE_LOCK_TIMEOUT_MILLIS * 3 / 2, attempt);
            }
        }
    }

    // ---- reading

    @Override
    public long firstSequence() {
        SingleChronicleQueue q = existingQueue();
        if (q == null) {
            return -1;
        }
        long first = q.firstIndex();
        return first == Long.MAX_VALUE ? -1 : first;
    }

    @Override
    public long lastSequence() {
        SingleChronicleQueue q = existingQueue();
        return q == null ? -1 : q.lastIndex();
    }

    @Override
    public Stream<ChangeEvent> events() {
        return eventsFrom(-1);
    }

    @Override
    public Stream<ChangeEvent> eventsFrom(long sequence) {
        SingleChronicleQueue q = existingQueue();
        if (q == null) {
            return Stream.empty();
        }
        ExcerptTailer tailer = q.createTailer();
        if (sequence > q.lastIndex()) {
            tailer.toEnd();
        } else if (sequence >= 0 && sequence > firstSequence() && !tailer.moveToIndex(sequence)) {
            tailer.toEnd();
        }
        Spliterator<ChangeEvent> events = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super ChangeEvent> action) {
                try (DocumentContext document = tailer.readingDocument()) {
                    if (!document.isPresent()) {
                        return false;
                    }
                    action.accept(EventCodec.read(document.wire().bytes(), document.index()));
                    return true;
                }
            }
        };
        return StreamSupport.stream(events, false).onClose(tailer::close);
    }

    @Override
    public Stream<ChangeEvent> events(Instant from, Instant until) {
        return events().filter(event -> !event.time().isBefore(from) && event.time().isBefore(until));
    }

    @Override
    public SortedMap<String, Object> replay(Instant until) {
        try (Stream<ChangeEvent> events = events()) {
            return Replay.of(events.takeWhile(event -> !event.time().isAfter(until.plus(1, ChronoUnit.SECONDS)))
                    .filter(event -> !event.time().isAfter(until)));
        }
    }

    @Override
    public SortedMap<String, Object> replay() {
        try (Stream<ChangeEvent> events = events()) {
            return Replay.of(events);
        }
    }

    @Override
    public long bytesOnDisk() {
        return retention.bytesOnDisk();
    }

    /**
     * Delivers events appended from now on, by any process, to {@code listener} on a thread of its own.
     * {@code filter} says which keys.
     */
    public Subscription watch(KeyFilter filter, Consumer<ChangeEvent> listener) {
        JournalWatcher watcher = JournalWatcher.create(this, filter, listener);
        watchers.add(watcher);
        watcher.start();
        return watcher;
    }

    /** Deletes journal files past the retention limits that no process is reading; returns how many. */
    public int enforceRetention() {
        SingleChronicleQueue q = existingQueue();
        return q == null ? 0 : retention.enforce(q);
    }

    /** Forces the journal's files to disk. */
    public void sync() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    channel.force(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync journal " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Returns the journal's directory. */
    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        closed = true;
        List.copyOf(watchers).forEach(JournalWatcher::close);
        CompletableFuture<SingleChronicleQueue> opening = queue;
        if (opening != null) {
            try {
                opening.join().close();
            } catch (CompletionException e) {
                LOG.debug("journal {} never opened", directory, e);
            }
        }
        retired.forEach(SingleChronicleQueue::close);
    }

    // ---- for watchers

    void unwatch(JournalWatcher watcher) {
        watchers.remove(watcher);
        publishNeededCycle();
    }

    /** Publishes the oldest cycle this process's watchers still read, so retention keeps it. */
    void publishNeededCycle() {
        Registration self = registration;
        if (self != null) {
            long oldest = watchers.stream().mapToLong(JournalWatcher::cycle).filter(cycle -> cycle >= 0).min()
                    .orElse(-1);
            registry.setJournalCycle(self, oldest);
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Returns the queue if it exists, opening it (read-only if so) once its files are there; else null. */
    SingleChronicleQueue existingQueue() {
        CompletableFuture<SingleChronicleQueue> opening = queue;
        if (opening == null) {
            synchronized (this) {
                if (queue == null) {
                    if (!Files.exists(directory.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE))) {
                        return null;
                    }
                    queue = CompletableFuture.completedFuture(buildQueue(true));
                }
                opening = queue;
            }
        }
        return join(opening);
    }

    private SingleChronicleQueue writableQueue() {
        if (!queueWritable) {
            synchronized (this) {
                if (!queueWritable) {
                    if (queue != null) {
                        retired.add(join(queue));
                    }
                    queue = CompletableFuture.completedFuture(buildQueue(false));
                    queueWritable = true;
                }
            }
        }
        return join(queue);
    }

    private SingleChronicleQueue buildQueue(boolean asReadOnly) {
        SingleChronicleQueue built = SingleChronicleQueueBuilder.single(directory.toFile())
                .rollCycle(rollCycle())
                .timeoutMS(WRITE_LOCK_TIMEOUT_MILLIS)
                .readOnly(asReadOnly)
                .storeFileListener((cycle, file) -> retentionSoon())
                .build();
        if (!asReadOnly) {
            retentionSoon();
        }
        return built;
    }

    private void retentionSoon() {
        if (readOnly && registration == null) {
            return;
        }
        CompletableFuture.runAsync(() -> {
            try {
                if (!closed) {
                    enforceRetention();
                }
            } catch (RuntimeException e) {
                LOG.warn("journal {}: retention failed: {}", directory, e.toString());
            }
        }, daemonExecutor("retention"));
    }

    private static RollCycle rollCycle() {
        String name = System.getProperty(ROLL_CYCLE_PROPERTY);
        if (name == null) {
            return RollCycles.FAST_DAILY;
        }
        try {
            return TestRollCycles.valueOf(name);
        } catch (IllegalArgumentException e) {
            return RollCycles.valueOf(name);
        }
    }

    private static SingleChronicleQueue join(CompletableFuture<SingleChronicleQueue> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
        }
    }

    private static java.util.concurrent.Executor daemonExecutor(String purpose) {
        return task -> {
            Thread thread = new Thread(task, "shared-state-journal-" + purpose);
            thread.setDaemon(true);
            thread.start();
        };
    }
}
