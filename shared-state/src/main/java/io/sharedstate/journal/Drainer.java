package io.sharedstate.journal;

import io.sharedstate.internal.CurrentProcess;
import io.sharedstate.internal.DiskUsage;
import io.sharedstate.internal.FilePermissions;
import io.sharedstate.internal.IoFailures;
import io.sharedstate.lock.ProcessRecord;
import io.sharedstate.lock.ProcessRegistry;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.TableStoreWriteLock;
import net.openhft.chronicle.threads.BusyTimedPauser;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Moves staged events from every process's {@link StagingRing} into the journal's Chronicle Queue: the one writer of
 * the queue, elected among the store's writable processes by an OS lock ({@code DRAINER} in
 * {@link io.sharedstate.lock.ProcessLocks}) that the kernel releases when the drainer dies. The next process to take
 * that lock is then certain the previous drainer is dead, whatever its PID namespace or zombie state, and breaks the
 * queue's write lock if the dead drainer left it held; nobody else ever appends, so nobody else ever waits on it.
 *
 * <p>Order: each ring is drained in order, and an event whose link names another ring's event waits until that ring
 * has drained past it, so each key's events reach the queue in the order they happened, across processes. The
 * links follow the happens-before order of the changes, so they never form a cycle.
 *
 * <p>Each queue document is {@code [long number][int ring][long position][event]}: the number counts events across
 * drainers without a gap, so a reader that finds one missing knows it missed events (retention deleted them under
 * the cap); the ring and position say where the event was staged, so that a new drainer never appends an event
 * twice.
 *
 * <p>Size: when the current segment reaches {@link #segmentBytes()} the {@link SegmentClock} rolls it, and the oldest
 * segments are deleted to keep the journal under its cap, at any write rate. A failed append (a full disk, a damaged
 * file) leaves the event in its ring, rolls to a fresh segment and resigns; the drainer stands again after a pause
 * and opens the queue afresh: values are never affected, and while the rings are full the writers journal combined
 * events instead of losing changes.
 */
final class Drainer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Drainer.class);
    private static final long ELECTION_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long RING_REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAINTENANCE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * Below this much free space the drainer opens and appends nothing. A page of a queue file that the file system
     * cannot back raises SIGBUS when touched; the JVM turns that into an InternalError only in some paths, and
     * Chronicle's CAS of a new segment's first header, run interpreted, kills the JVM instead.
     */
    static final long SPACE_RESERVE_BYTES = 4L << 20;
    private static final long STAGED_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final int BATCH = 256;
    /** What precedes each event in a queue document: its number, and its source ring and position. */
    static final int DOCUMENT_PREFIX_BYTES = 8 + 4 + 8;
    private static final long MIN_SEGMENT_BYTES = 1L << 20;
    private static final long MAX_SEGMENT_BYTES = 64L << 20;

    private final JournalHost host;
    private final StagingRing own;
    private final Path journal;
    private final Path staging;
    private final Map<Integer, StagingRing> rings = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<Integer> liveRings = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final PollingIdle idle = new PollingIdle();
    private final RingReader reader = new RingReader();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean elected;
    private SingleChronicleQueue queue;
    private SingleChronicleQueue standby;
    private SegmentClock standbyClock;
    private ExcerptAppender appender;
    private int permittedCycle = Integer.MIN_VALUE;
    private SegmentClock clock;
    private long nextNumber;
    private long appendedSinceRoll;
    private long nextRingRefresh;
    private long nextMaintenance;
    private long retryAfter;
    private int skipRing;
    private long skipPosition;
    private int skipRecordBytes;
    private long nextStagedCheck;
    private volatile String failure;
    private FileStore fileStore;

    Drainer(JournalHost host, Path journal, StagingRing own) {
        this.host = host;
        this.own = own;
        this.journal = journal;
        this.staging = JournalFiles.staging(journal);
        this.thread = new Thread(this, "shared-state-journal-drainer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Returns whether this process drains the journal now. */
    boolean isElected() {
        return elected;
    }

    /** Describes what this drainer sees, for diagnostics. */
    synchronized String describe() {
        StringBuilder text = new StringBuilder("drainer elected=" + elected + " failure=" + failure + " live="
                + liveRings.stream().map(Integer::toHexString).toList() + " thread " + thread.getState() + "\n");
        for (StackTraceElement frame : thread.getStackTrace()) {
            text.append("    at ").append(frame).append('\n');
        }
        for (Map.Entry<Integer, StagingRing> ring : Map.copyOf(rings).entrySet()) {
            text.append("  ").append(ring.getValue().describe()).append('\n');
        }
        return text.toString();
    }

    /** Returns why the last append failed, while appends fail; else null. */
    String failure() {
        return failure;
    }

    /**
     * Returns whether the event at {@code position} of ring {@code ring} has been drained; a ring this drainer does
     * not know yet is looked for at the next refresh, so it counts as not drained if its file exists.
     */
    private boolean predecessorDrained(int ring, long position) {
        StagingRing staged = rings.get(ring);
        if (staged == null) {
            if (Files.exists(StagingRing.file(staging, ring))) {
                nextRingRefresh = System.nanoTime();
                return false;
            }
            return true;
        }
        return staged.consumerPosition() > position;
    }

    /** Returns whether the event at {@code position} of ring {@code ring} has been moved into the queue. */
    static boolean isDrained(Path staging, Map<Integer, StagingRing> known, int ring, long position) {
        StagingRing staged = known.get(ring);
        if (staged == null) {
            Path file = StagingRing.file(staging, ring);
            if (!Files.exists(file)) {
                return true;
            }
            staged = StagingRing.open(file);
            if (staged == null) {
                return true;
            }
            known.put(ring, staged);
        }
        return staged.consumerPosition() > position;
    }

    /**
     * Stops draining: moves what it can within {@code waitNanos}, then resigns and ends the thread.
     */
    void stop(long waitNanos) {
        stopping = true;
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos)) + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        long stopDeadline = 0;
        try {
            while (!host.isClosed()) {
                if (stopping && stopDeadline == 0) {
                    stopDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                }
                try {
                    if (!step(stopDeadline)) {
                        return;
                    }
                } catch (RuntimeException | Error e) {
                    // Resign and stand again: a process that journals must never stop draining for good.
                    LOG.error("journal {}: the drainer failed ({}); it resigns and stands again", journal,
                            e.toString(), e);
                    failure = e.toString();
                    standDown();
                    LockSupport.parkNanos(RETRY_NANOS);
                }
            }
        } finally {
            standDown();
        }
    }

    /** Resigns, if elected, and closes the queue opened in advance, if any. */
    private void standDown() {
        resign();
        closeStandby();
    }

    /** Runs one turn of the drainer's loop; returns false when it should end. */
    private boolean step(long stopDeadline) {
        if (!elected) {
            if (stopping) {
                return false;
            }
            if (!worthElecting() || !tryElect()) {
                prepareStandby();
                LockSupport.parkNanos(ELECTION_INTERVAL_NANOS);
            }
            return true;
        }
        int moved = drainPass();
        if (!elected) {
            return true;
        }
        maintain();
        if (stopping && (moved == 0 || System.nanoTime() - stopDeadline > 0)) {
            return false;
        }
        if (moved > 0) {
            idle.reset();
        } else {
            idle.idle();
        }
        return true;
    }

    /**
     * Returns whether this process should try to become the drainer: nobody drains, and events are staged, its own
     * (looked at every time) or another process's (every half second). A process that never journals, such as a
     * short-lived tool, then never pays for opening the journal for writing.
     */
    private boolean worthElecting() {
        if (retryAfter != 0 && System.nanoTime() - retryAfter < 0) {
            return false;
        }
        if (host.locks().isDrainerHeld()) {
            // Another process drains: whatever this one could not append is that one's to report now.
            failure = null;
            return false;
        }
        if (own != null && !own.isEmpty()) {
            return true;
        }
        long now = System.nanoTime();
        if (now - nextStagedCheck < 0) {
            return false;
        }
        nextStagedCheck = now + STAGED_CHECK_NANOS;
        refreshRings();
        return rings.values().stream().anyMatch(ring -> !ring.isEmpty());
    }

    private boolean tryElect() {
        try {
            if (!host.locks().holdDrainer()) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        long electedAt = System.nanoTime();
        if (lowOnSpace()) {
            onLowSpace();
            host.locks().releaseDrainer();
            LockSupport.parkNanos(RETRY_NANOS);
            return false;
        }
        try {
            openQueue();
        } catch (RuntimeException | Error e) {
            // A full disk shows as an InternalError (SIGBUS on a mapped page): say what it means.
            String reason = IoFailures.translate("opening the journal for writing", journal, e).getMessage();
            if (failure == null) {
                // Once per outage: it is tried again every few milliseconds until it works, which is logged.
                LOG.error("journal {}: cannot open the journal for writing ({}); events stay staged", journal,
                        reason);
            }
            failure = "cannot open the journal for writing: " + reason;
            host.locks().releaseDrainer();
            LockSupport.parkNanos(RETRY_NANOS);
            return false;
        }
        elected = true;
        host.setDrainerPid(CurrentProcess.pid());
        // While appends fail, standing again after each failure is routine: "appending works again" says the rest.
        if (failure == null) {
            LOG.info("journal {}: this process drains the journal now (ready {} ms after it won the election)",
                    journal, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - electedAt));
        }
        return true;
    }

    /**
     * A process that journals while another drains opens the queue in advance, so that taking over when the drainer
     * dies costs no queue opening (and its class loading): on a busy machine that alone can take most of a second.
     * It never appends to it before it holds the drainer lock.
     */
    private void prepareStandby() {
        if (standby != null || own == null || own.isEmpty() || !JournalFiles.exists(journal) || lowOnSpace()) {
            return;
        }
        try {
            standbyClock = new SegmentClock(JournalFiles.CYCLE_MILLIS, host.journalClock());
            standby = JournalFiles.openForWriting(journal, standbyClock, host.filePermissions());
        } catch (RuntimeException | Error e) {
            LOG.debug("journal {}: cannot open the journal in advance: {}", journal, e.toString());
            standby = null;
        }
    }

    private void closeStandby() {
        SingleChronicleQueue prepared = standby;
        standby = null;
        if (prepared != null) {
            try {
                prepared.close();
            } catch (RuntimeException | Error e) {
                LOG.debug("journal {}: closing the prepared queue: {}", journal, e.toString());
            }
        }
    }

    private void openQueue() {
        NavigableMap<Long, Path> segments = JournalFiles.segments(journal);
        long lastCycleStart = segments.isEmpty() ? 0 : segments.lastKey() * JournalFiles.CYCLE_MILLIS;
        long start = Math.max(host.journalClock(), lastCycleStart);
        if (standby != null && !standby.isClosed()) {
            queue = standby;
            clock = standbyClock;
            clock.advanceTo(start);
            standby = null;
        } else {
            closeStandby();
            clock = new SegmentClock(JournalFiles.CYCLE_MILLIS, start);
            openFresh();
        }
        // Only a drainer appends, and this process holds the drainer lock: a write lock still held belongs to a
        // dead drainer, whatever its pid looks like from here.
        try (TableStoreWriteLock lock = new TableStoreWriteLock(queue.metaStore(), BusyTimedPauser::new, 0L)) {
            if (lock.locked()) {
                lock.forceUnlock();
            }
        }
        appender = queue.createAppender();
        permittedCycle = Integer.MIN_VALUE;
        readLastDocument(queue);
        appendedSinceRoll = 0;
    }

    private void openFresh() {
        try {
            queue = JournalFiles.openForWriting(journal, clock, host.filePermissions());
        } catch (RuntimeException e) {
            Path metadata = journal.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE);
            if (!Files.exists(metadata)) {
                throw e;
            }
            Path aside = JournalFiles.setAside(journal, metadata);
            LOG.warn("journal {}: its metadata file was damaged ({}); moved it to {} and made a new one", journal,
                    e.toString(), aside);
            queue = JournalFiles.openForWriting(journal, clock, host.filePermissions());
        }
    }

    /**
     * Continues from the last document in the queue: its number, and its source. The previous drainer advanced a
     * ring's head after each append, so at most that last event can still be in its ring, if the drainer died between
     * the two; it is then skipped rather than appended twice.
     */
    private void readLastDocument(SingleChronicleQueue queue) {
        nextNumber = 0;
        skipRing = 0;
        try (ExcerptTailer backward = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd()) {
            // Read forward what the backward tailer finds, as every reader does: a document the dead drainer left
            // half-written is never shown to readers, so its event must be appended again, not skipped; the number
            // goes on from the last whole document before it.
            for (int attempt = 0; attempt < 3; attempt++) {
                long index;
                try (DocumentContext document = backward.readingDocument()) {
                    if (!document.isPresent()) {
                        return;
                    }
                    index = document.index();
                }
                if (readWhole(queue, index, attempt == 0)) {
                    return;
                }
            }
        } catch (RuntimeException | InternalError e) {
            LOG.warn("journal {}: cannot read its last event ({}); numbering goes on from 0", queue.file(),
                    e.toString());
        }
    }

    /** Reads the document at {@code index} forward; if whole, continues from it (skipping its event if last). */
    private boolean readWhole(SingleChronicleQueue queue, long index, boolean last) {
        try (ExcerptTailer tailer = queue.createTailer()) {
            if (!tailer.moveToIndex(index)) {
                return false;
            }
            try (DocumentContext document = tailer.readingDocument()) {
                if (!document.isPresent() || document.index() != index
                        || document.wire().bytes().readRemaining() < DOCUMENT_PREFIX_BYTES) {
                    return false;
                }
                Bytes<?> bytes = document.wire().bytes();
                nextNumber = bytes.readLong() + 1;
                if (last) {
                    skipRing = bytes.readInt();
                    skipPosition = bytes.readLong();
                    skipRecordBytes = StagingRing.recordBytes((int) bytes.readRemaining());
                }
                return true;
            }
        }
    }

    private void resign() {
        if (!elected) {
            return;
        }
        elected = false;
        try {
            if (clock != null) {
                host.setJournalClock(clock.persistable());
            }
            host.setDrainerPid(0);
        } catch (RuntimeException | Error e) {
            LOG.debug("journal {}: recording the drainer's resignation: {}", journal, e.toString());
        } finally {
            // One by one: an appender broken by a failed append may fail to close too; its queue must close anyway.
            closeQuietly(appender, "appender");
            closeQuietly(queue, "queue");
            appender = null;
            queue = null;
            host.locks().releaseDrainer();
        }
    }

    private void closeQuietly(java.io.Closeable closeable, String what) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException | RuntimeException | Error e) {
            LOG.debug("journal {}: closing the drainer's {}: {}", journal, what, e.toString());
        }
    }

    // ---- draining

    private int drainPass() {
        long now = System.nanoTime();
        if (now - nextRingRefresh >= 0) {
            refreshRings();
            nextRingRefresh = now + RING_REFRESH_NANOS;
        }
        if (retryAfter != 0 && now - retryAfter < 0) {
            return 0;
        }
        if (lowOnSpace()) {
            onLowSpace();
            return 0;
        }
        int moved = 0;
        for (Iterator<Map.Entry<Integer, StagingRing>> it = rings.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, StagingRing> entry = it.next();
            StagingRing ring = entry.getValue();
            if (ring.id() == skipRing) {
                resolveSkip(ring);
            }
            reader.ring = ring;
            reader.failed = false;
            reader.waiting = false;
            int read = ring.read(reader, BATCH);
            moved += read;
            if (reader.failed) {
                onAppendFailure(reader.cause);
                return moved;
            }
            if (read == 0 && !reader.waiting && !liveRings.contains(entry.getKey()) && finishDeadRing(ring)) {
                it.remove();
            }
        }
        if (moved > 0 && failure != null) {
            LOG.info("journal {}: appending works again", journal);
            failure = null;
            retryAfter = 0;
        }
        return moved;
    }

    /**
     * Settles the record the dead drainer appended last, in its ring: if the head is still at it, that drainer died
     * while the record was being cleared, or before; the clearing is finished and the head moved past it.
     */
    private void resolveSkip(StagingRing ring) {
        if (ring.settleDrained(skipPosition, skipRecordBytes)) {
            LOG.debug("journal {}: settled the record the dead drainer had appended last in {}", journal,
                    ring.describe());
            skipRing = 0;
        }
    }

    /**
     * A ring whose process is gone: skip what it claimed and never wrote, delete it once drained. A pass can read
     * nothing from a ring that still holds records (padding at the end of the buffer comes first), so only an empty
     * ring is deleted.
     */
    private boolean finishDeadRing(StagingRing ring) {
        if (!ring.isEmpty()) {
            ring.unblockDead();
            return false;
        }
        LOG.info("journal {}: the staging ring {} of a process that is gone is drained; deleting it", journal,
                ring.describe());
        try {
            Files.deleteIfExists(ring.file());
        } catch (IOException e) {
            LOG.debug("journal {}: cannot delete {}: {}", journal, ring.file(), e.toString());
            return false;
        }
        return true;
    }

    /**
     * Finds the rings: the files first, then which of their processes are alive. A process registers before it
     * creates its ring, so a ring file seen here belongs to a registration the registry already shows.
     */
    private void refreshRings() {
        if (Files.isDirectory(staging)) {
            try (Stream<Path> files = Files.list(staging)) {
                files.forEach(file -> {
                    int id = StagingRing.idOf(file);
                    if (id != 0 && !rings.containsKey(id)) {
                        StagingRing ring = StagingRing.open(file);
                        if (ring != null) {
                            rings.put(id, ring);
                        }
                    }
                });
            } catch (IOException e) {
                LOG.debug("journal {}: cannot list {}: {}", journal, staging, e.toString());
            }
        }
        liveRings.clear();
        for (ProcessRecord process : host.registry().processes()) {
            if (process.alive() && process.ringBytes() > 0 && process.role() == ProcessRegistry.ROLE_WRITER) {
                liveRings.add(StagingRing.id(process.slot(), process.generation()));
            }
        }
    }

    private boolean lowOnSpace() {
        if (fileStore == null) {
            try {
                fileStore = Files.getFileStore(journal);
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        try {
            return fileStore.getUsableSpace() < SPACE_RESERVE_BYTES;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void onLowSpace() {
        String reason = "no space left on device in " + journal + ": less than " + (SPACE_RESERVE_BYTES >> 20)
                + " MiB free, which appending needs; events stay staged until there is";
        if (failure == null) {
            LOG.warn("journal {}: {}", journal, reason);
        }
        failure = reason;
        retryAfter = System.nanoTime() + RETRY_NANOS;
    }

    /**
     * An append failed inside Chronicle (a disk that fills up between the space check and the append shows as a
     * SIGBUS there): the events stay staged, and the drainer resigns, so that it stands again and opens the queue
     * afresh, in a new segment. Appending on with the same appender never works again: after an append cut short
     * by a SIGBUS, every document it gave had no wire (a NullPointerException per append, for ever).
     */
    private void onAppendFailure(Throwable cause) {
        String reason = cause.toString();
        if (failure == null) {
            LOG.warn("journal {}: cannot append ({}); events stay staged, values are not affected, and appends are "
                    + "tried again in a fresh segment", journal, reason);
        }
        failure = reason;
        retryAfter = System.nanoTime() + RETRY_NANOS;
        rollSegment();
        resign();
    }

    /** Reads one ring's records and appends them, in order, holding back any whose predecessor is not drained. */
    private final class RingReader implements ControlledMessageHandler {
        private byte[] scratch = new byte[256];
        private StagingRing ring;
        private boolean failed;
        private boolean waiting;
        private Throwable cause;

        @Override
        public Action onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
            long position = ring.positionOfRecordAt(index);
            if (ring.id() == skipRing && position == skipPosition) {
                skipRing = 0;
                return Action.COMMIT;
            }
            int predecessorRing = buffer.getInt(index);
            long predecessorPosition = buffer.getLong(index + 8);
            if (predecessorRing != 0 && predecessorRing != ring.id()
                    && !predecessorDrained(predecessorRing, predecessorPosition)) {
                waiting = true;
                return Action.ABORT;
            }
            try {
                append(buffer, index + StagingRing.LINK_BYTES, length - StagingRing.LINK_BYTES, position);
            } catch (RuntimeException | Error e) {
                failed = true;
                cause = e;
                return Action.ABORT;
            }
            // Each record leaves the ring as soon as it is in the queue: a drainer that dies can leave at most the
            // one it was appending, which its successor recognises (see readLastDocument).
            return Action.COMMIT;
        }

        private void append(MutableDirectBuffer buffer, int offset, int length, long position) {
            if (scratch.length < length) {
                scratch = new byte[Integer.highestOneBit(length) << 1];
            }
            buffer.getBytes(offset, scratch, 0, length);
            DocumentContext document = appender.writingDocument();
            try {
                Bytes<?> out = document.wire().bytes();
                out.writeLong(nextNumber);
                out.writeInt(ring.id());
                out.writeLong(position);
                out.write(scratch, 0, length);
            } catch (RuntimeException | Error e) {
                document.rollbackOnClose();
                throw e;
            } finally {
                document.close();
            }
            nextNumber++;
            appendedSinceRoll += length + 16;
            if (appender.cycle() != permittedCycle) {
                permitSegment();
            }
            host.addDrained(1);
        }
    }

    /**
     * Gives the segment the appender just wrote to the store's permissions, before its events are acknowledged:
     * Chronicle creates it rw-r--r-- (the umask) and calls the file listener that fixes that from a background
     * thread, later, so that under load a group-shared journal had segments only their creator could write.
     */
    private void permitSegment() {
        permittedCycle = appender.cycle();
        java.io.File file = appender.currentFile();
        try {
            Path path = file.toPath();
            if (!Files.getPosixFilePermissions(path).equals(host.filePermissions())) {
                FilePermissions.apply(path, host.filePermissions());
            }
        } catch (IOException | RuntimeException e) {
            // The record is in the queue already: failing the append would append it again.
            LOG.warn("journal {}: cannot give segment {} the store's permissions: {}", journal, file, e.toString());
        }
    }

    // ---- size and age

    /** Returns the size at which a segment is rolled: an eighth of the cap, within 1 to 64 MiB. */
    long segmentBytes() {
        return Math.max(MIN_SEGMENT_BYTES, Math.min(MAX_SEGMENT_BYTES, host.retentionBytes() / 8));
    }

    private void maintain() {
        long now = System.nanoTime();
        boolean full = appendedSinceRoll >= segmentBytes();
        if (!full && now - nextMaintenance < 0) {
            return;
        }
        nextMaintenance = now + MAINTENANCE_NANOS;
        NavigableMap<Long, Path> segments = JournalFiles.segments(journal);
        if (full || (!segments.isEmpty() && DiskUsage.of(segments.lastEntry().getValue()) >= segmentBytes())) {
            rollSegment();
        }
        enforceRetention(segments);
    }

    private void rollSegment() {
        if (clock != null) {
            host.setJournalClock(clock.roll());
            appendedSinceRoll = 0;
        }
    }

    private void enforceRetention(NavigableMap<Long, Path> segments) {
        if (segments.size() <= 1) {
            return;
        }
        long cap = host.retentionBytes();
        long total = JournalFiles.bytesOnDisk(journal);
        long oldestNeeded = host.registry().oldestNeededJournalIndex();
        long neededCycle = oldestNeeded == Long.MAX_VALUE ? Long.MAX_VALUE
                : JournalFiles.ROLL_CYCLE.toCycle(oldestNeeded);
        long ageLimit = System.currentTimeMillis() - host.retention().toMillis();
        long current = segments.lastKey();
        int deleted = 0;
        for (Map.Entry<Long, Path> segment : segments.entrySet()) {
            if (segment.getKey() >= current) {
                break;
            }
            boolean overCap = total > cap - segmentBytes();
            boolean tooOld = lastModified(segment.getValue()) < ageLimit && segment.getKey() < neededCycle;
            if (!overCap && !tooOld) {
                break;
            }
            long size = DiskUsage.of(segment.getValue());
            try {
                Files.deleteIfExists(segment.getValue());
                total -= size;
                deleted++;
                LOG.debug("journal {}: deleted segment {} ({})", journal, segment.getValue().getFileName(),
                        overCap ? "size cap" : "age");
            } catch (IOException e) {
                LOG.warn("journal {}: cannot delete {}: {}", journal, segment.getValue(), e.toString());
                break;
            }
        }
        if (deleted > 0 && queue != null) {
            queue.refreshDirectoryListing();
        }
    }

    private static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
