package io.sharedstate.journal;

import io.sharedstate.ChangeEvent;
import io.sharedstate.Journal;
import io.sharedstate.SharedStateException;
import io.sharedstate.Subscription;
import io.sharedstate.internal.CurrentProcess;
import io.sharedstate.internal.FilePermissions;
import io.sharedstate.internal.IoFailures;
import io.sharedstate.lock.Registration;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The change journal of one store in one process: stages this process's events ({@link JournalStaging}), takes its
 * turn at draining every process's events into the journal files ({@link Drainer}), and reads and watches those
 * files ({@link Journal}). The files are a standard Chronicle Queue in {@code DIR/journal}. A read first waits (a
 * second at most) until this process's own staged events have reached the files, so a process reads its writes.
 */
public final class ChronicleJournal implements Journal, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChronicleJournal.class);
    private static final long CLOSE_DRAIN_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Reads of the journal first wait this long at most for this process's own staged events to reach it. */
    private static final long READ_YOUR_WRITES_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final JournalHost host;
    private final Path directory;
    private final Path staging;
    private final JournalStaging producer;
    private final Drainer drainer;
    private final Registration registration;
    private final Map<Integer, StagingRing> knownRings = new HashMap<>();
    private final Set<JournalWatcher> watchers = ConcurrentHashMap.newKeySet();
    private volatile SingleChronicleQueue queue;
    private volatile boolean closed;

    private ChronicleJournal(JournalHost host, Path directory, JournalStaging producer, Drainer drainer,
                             Registration registration) {
        this.host = host;
        this.directory = directory;
        this.staging = JournalFiles.staging(directory);
        this.producer = producer;
        this.drainer = drainer;
        this.registration = registration;
    }

    /**
     * Opens the journal of a process that may change values: creates its staging ring ({@code ringBytes} of room)
     * and starts its drainer candidate. If the ring cannot be created (a full disk), the process still works and
     * its changes are journaled combined, later.
     */
    public static ChronicleJournal openForWriting(JournalHost host, Path directory, Registration registration,
                                                  int ringBytes) {
        FilePermissions.createDirectory(directory, host.filePermissions());
        FilePermissions.createDirectory(JournalFiles.staging(directory), host.filePermissions());
        JournalStaging producer = null;
        try {
            StagingRing ring = StagingRing.create(JournalFiles.staging(directory),
                    StagingRing.id(registration.slot(), registration.generation()), ringBytes,
                    host.filePermissions());
            producer = new JournalStaging(ring, CurrentProcess.pid());
        } catch (RuntimeException e) {
            LOG.warn("journal {}: no staging ring for this process ({}); its changes are journaled combined once "
                    + "another process can", directory, e.getMessage());
        }
        Drainer drainer = new Drainer(host, directory, producer == null ? null : producer.ring());
        ChronicleJournal journal = new ChronicleJournal(host, directory, producer, drainer, registration);
        drainer.start();
        return journal;
    }

    /** Opens the journal for reading only: this process neither stages nor drains. */
    public static ChronicleJournal openForReading(JournalHost host, Path directory, Registration registration) {
        return new ChronicleJournal(host, directory, null, null, registration);
    }

    /** Returns this process's staging, or null if it has none (read-only, or no room for its ring). */
    public JournalStaging staging() {
        return producer;
    }

    /** Returns whether the event at {@code position} of ring {@code ring} has reached the journal files. */
    public synchronized boolean isDrained(int ring, long position) {
        if (ring == 0) {
            return true;
        }
        return Drainer.isDrained(staging, knownRings, ring, position);
    }

    /**
     * Waits until every event this process staged so far has reached the journal files, for at most
     * {@code timeoutNanos}.
     *
     * @return whether they all did
     */
    public boolean awaitDrained(long timeoutNanos) {
        if (producer == null) {
            return true;
        }
        long target = producer.stagedPosition();
        long deadline = System.nanoTime() + timeoutNanos;
        while (producer.drainedPosition() < target) {
            if (System.nanoTime() - deadline > 0 || host.isClosed() && drainer != null && !drainer.isElected()) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
        }
        return true;
    }

    /** Returns whether this process drains the journal now. */
    public boolean isDrainer() {
        return drainer != null && drainer.isElected();
    }

    /** Returns why the drainer cannot append, while it cannot; else null. */
    public String drainFailure() {
        return drainer == null ? null : drainer.failure();
    }

    /** Returns the bytes this process has staged and not yet drained. */
    public long stagedBytes() {
        return producer == null ? 0 : producer.stagedBytes();
    }

    /** Describes every staging ring, for diagnostics: positions and what the next record waits for. */
    public synchronized String stagingReport() {
        stagedBytesOfAll();
        StringBuilder report = new StringBuilder();
        for (StagingRing ring : knownRings.values()) {
            report.append(ring.describe()).append('\n');
        }
        if (drainer != null) {
            report.append(drainer.describe());
        }
        return report.toString();
    }

    /** Returns the bytes every process has staged and the drainer not yet drained. */
    public synchronized long stagedBytesOfAll() {
        long bytes = 0;
        if (!java.nio.file.Files.isDirectory(staging)) {
            return 0;
        }
        try (Stream<Path> files = java.nio.file.Files.list(staging)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                int id = StagingRing.idOf(file);
                StagingRing ring = id == 0 ? null : knownRings.computeIfAbsent(id, key -> StagingRing.open(file));
                if (ring != null) {
                    bytes += ring.size();
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        knownRings.values().removeIf(Objects::isNull);
        return bytes;
    }

    @Override
    public boolean awaitCaughtUp(java.time.Duration timeout) {
        long deadline = System.nanoTime() + Objects.requireNonNull(timeout, "timeout").toNanos();
        while (stagedBytesOfAll() > 0 || host.hasUnjournaledChanges()) {
            if (System.nanoTime() - deadline > 0 || closed) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return true;
    }

    // ---- reading

    @Override
    public long firstSequence() {
        awaitDrained(READ_YOUR_WRITES_NANOS);
        SingleChronicleQueue q = existingQueue();
        if (q == null) {
            return -1;
        }
        long first = q.firstIndex();
        return first == Long.MAX_VALUE ? -1 : first;
    }

    @Override
    public long lastSequence() {
        awaitDrained(READ_YOUR_WRITES_NANOS);
        SingleChronicleQueue q = existingQueue();
        return q == null ? -1 : q.lastIndex();
    }

    @Override
    public Stream<ChangeEvent> events() {
        return eventsFrom(-1);
    }

    @Override
    public Stream<ChangeEvent> eventsFrom(long sequence) {
        awaitDrained(READ_YOUR_WRITES_NANOS);
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
        JournalCursor cursor = new JournalCursor(tailer, directory);
        Spliterator<ChangeEvent> events = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super ChangeEvent> action) {
                ChangeEvent event = cursor.next();
                if (event == null) {
                    return false;
                }
                action.accept(event);
                return true;
            }
        };
        return StreamSupport.stream(events, false).onClose(tailer::close);
    }

    @Override
    public Stream<ChangeEvent> events(Instant from, Instant until) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        return events().filter(event -> !event.time().isBefore(from) && event.time().isBefore(until));
    }

    @Override
    public SortedMap<String, Object> replay(Instant until) {
        Objects.requireNonNull(until, "until");
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
        return JournalFiles.bytesOnDisk(directory);
    }

    /** Returns the journal's segment files, oldest first, for verify and stat. */
    public List<Path> segmentFiles() {
        return List.copyOf(JournalFiles.segments(directory).values());
    }

    /**
     * Delivers events journaled from now on, by any process, to {@code listener} on a thread of its own.
     */
    public Subscription watch(KeyFilter filter, Consumer<ChangeEvent> listener) {
        if (closed) {
            throw new SharedStateException("journal " + directory + " is closed");
        }
        JournalWatcher watcher = new JournalWatcher(this, filter, listener);
        watchers.add(watcher);
        watcher.start();
        return watcher;
    }

    /** Forces the journal's segment files to disk. */
    public void sync() {
        SingleChronicleQueue q = existingQueue();
        if (q != null) {
            for (Path file : segmentFiles()) {
                try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                        java.nio.file.StandardOpenOption.READ)) {
                    channel.force(true);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot sync " + file + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Returns the journal's directory. */
    public Path directory() {
        return directory;
    }

    /**
     * Closes the journal: delivers what watchers still have to deliver, lets the drainer move what this process
     * staged (for at most two seconds), and resigns as drainer.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        List.copyOf(watchers).forEach(JournalWatcher::close);
        awaitDrained(CLOSE_DRAIN_NANOS);
        closed = true;
        if (drainer != null) {
            drainer.stop(CLOSE_DRAIN_NANOS);
        }
        SingleChronicleQueue q = queue;
        if (q != null) {
            q.close();
        }
        if (producer != null && producer.stagedBytes() == 0) {
            producer.deleteRing();
        }
    }

    // ---- for watchers

    void unwatch(JournalWatcher watcher) {
        watchers.remove(watcher);
        publishNeededIndex();
    }

    /** Publishes the oldest journal index this process's watchers still read, so age retention keeps it. */
    void publishNeededIndex() {
        if (registration != null && host.locks().channel().isOpen()) {
            long oldest = watchers.stream().mapToLong(JournalWatcher::index).filter(index -> index >= 0).min()
                    .orElse(-1);
            host.registry().setJournalIndex(registration, oldest);
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Returns the queue if its files exist, opening it for reading once they do; else null. */
    SingleChronicleQueue existingQueue() {
        SingleChronicleQueue q = queue;
        if (q == null) {
            synchronized (this) {
                if (queue == null && !closed && JournalFiles.exists(directory)) {
                    queue = openForReading();
                }
                q = queue;
            }
        }
        return q;
    }

    /** Opening maps the metadata file, which faults (SIGBUS, an InternalError) on a full disk. */
    private SingleChronicleQueue openForReading() {
        try {
            return JournalFiles.openForReading(directory);
        } catch (RuntimeException | InternalError e) {
            throw IoFailures.translate("opening the journal for reading", directory, e);
        }
    }

    /** Reads one document at a time from a tailer, turning a jump in the event numbers into a GAP event. */
    static final class JournalCursor {
        private final ExcerptTailer tailer;
        private final Path directory;
        private long lastNumber = -1;
        private ChangeEvent pending;

        JournalCursor(ExcerptTailer tailer, Path directory) {
            this.tailer = tailer;
            this.directory = directory;
        }

        /** Returns the next event, or null if there is none yet. */
        ChangeEvent next() {
            if (pending != null) {
                ChangeEvent event = pending;
                pending = null;
                return event;
            }
            try (DocumentContext document = tailer.readingDocument()) {
                if (!document.isPresent()) {
                    return null;
                }
                long number = document.wire().bytes().readLong();
                document.wire().bytes().readSkip(Drainer.DOCUMENT_PREFIX_BYTES - 8);
                ChangeEvent event = EventCodec.read(document.wire().bytes(), document.index());
                long missed = lastNumber >= 0 ? number - lastNumber - 1 : 0;
                lastNumber = number;
                if (missed > 0) {
                    pending = event;
                    return gap(event.sequence(), event.time(), missed);
                }
                return event;
            } catch (InternalError e) {
                throw new SharedStateException("journal " + directory + ": a segment file is truncated or damaged "
                        + "(a read failed with " + e.getMessage() + ", at cycle " + tailer.cycle()
                        + "); run shared-state verify " + directory.getParent(), e);
            }
        }

        /** Returns the number of the last event read, or -1. */
        long lastNumber() {
            return lastNumber;
        }

        /** Returns the tailer's position. */
        long index() {
            return tailer.index();
        }

        static ChangeEvent gap(long sequence, Instant time, long missed) {
            return new ChangeEvent(sequence, time, 0, "", ChangeEvent.Operation.GAP, io.sharedstate.TypeCode.INT8,
                    false, -1, List.of(), null, missed);
        }
    }
}
