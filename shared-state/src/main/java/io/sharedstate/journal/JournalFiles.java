package io.sharedstate.journal;

import io.sharedstate.internal.DiskUsage;
import io.sharedstate.internal.FilePermissions;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The journal's files in {@code DIR/journal}: a standard Chronicle Queue (its {@code .cq4} segments and
 * {@code metadata.cq4t}), which Chronicle's own tools read, and the staging rings in {@code staging/}. Every
 * process opens the queue read-only; only the drainer opens it for writing, so the queue's write lock, which
 * Chronicle breaks when it believes its holder's pid dead, is never contended.
 */
final class JournalFiles {
    /** Every segment is one cycle of this roll cycle; the segment clock moves cycles on by size. */
    static final RollCycle ROLL_CYCLE = RollCycles.FIVE_MINUTELY;
    static final long CYCLE_MILLIS = ROLL_CYCLE.lengthInMillis();
    static final String SEGMENT_SUFFIX = ".cq4";
    static final String STAGING = "staging";
    private static final String DAMAGED = "damaged";
    /**
     * Short: only the drainer appends, so a write lock still held, or a document header left incomplete at the end
     * of the queue, is a dead drainer's, and waiting for it only delays the journal.
     */
    private static final long TIMEOUT_MILLIS = 50;

    private JournalFiles() {
    }

    static Path staging(Path journal) {
        return journal.resolve(STAGING);
    }

    static final long READER_LISTING_REFRESH_MILLIS = 20;

    /** Builds the queue for reading; the queue's files must exist. */
    static SingleChronicleQueue openForReading(Path journal) {
        // A read-only queue learns of new segment files only by listing the directory, by default once a minute;
        // the drainer rolls segments by size, often, and readers must follow within milliseconds.
        return SingleChronicleQueueBuilder.single(journal.toFile())
                .rollCycle(ROLL_CYCLE)
                .readOnly(true)
                .forceDirectoryListingRefreshIntervalMs(READER_LISTING_REFRESH_MILLIS)
                .build();
    }

    /** Builds the queue for the drainer's appends, with the store's permissions on every file it creates. */
    static SingleChronicleQueue openForWriting(Path journal, TimeProvider clock, Set<PosixFilePermission> permissions) {
        StoreFileListener listener = new StoreFileListener() {
            @Override
            public void onAcquired(int cycle, File file) {
                FilePermissions.apply(file.toPath(), permissions);
            }

            @Override
            public void onReleased(int cycle, File file) {
                // nothing to do: retention decides which segments go
            }
        };
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(journal.toFile())
                .rollCycle(ROLL_CYCLE)
                .timeProvider(clock)
                .timeoutMS(TIMEOUT_MILLIS)
                .storeFileListener(listener)
                .build();
        Path metadata = journal.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE);
        if (Files.exists(metadata)) {
            FilePermissions.apply(metadata, permissions);
        }
        return queue;
    }

    /** Returns whether the queue's files exist. */
    static boolean exists(Path journal) {
        return Files.exists(journal.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE));
    }

    /** Moves a damaged file out of the queue's way, into {@code journal/damaged/}, and returns where it went. */
    static Path setAside(Path journal, Path file) {
        try {
            Path damaged = Files.createDirectories(journal.resolve(DAMAGED));
            Path target = damaged.resolve(file.getFileName() + "." + System.currentTimeMillis());
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the damaged journal file " + file + " aside: "
                    + e.getMessage(), e);
        }
    }

    /** Returns the queue's segment files by cycle, oldest first. */
    static NavigableMap<Long, Path> segments(Path journal) {
        RollingResourcesCache names = new RollingResourcesCache(ROLL_CYCLE, 0,
                name -> new File(journal.toFile(), name + SEGMENT_SUFFIX),
                file -> file.getName().substring(0, file.getName().length() - SEGMENT_SUFFIX.length()));
        NavigableMap<Long, Path> segments = new TreeMap<>();
        if (!Files.isDirectory(journal)) {
            return segments;
        }
        try (Stream<Path> paths = Files.list(journal)) {
            List<Path> files = paths.filter(path -> path.getFileName().toString().endsWith(SEGMENT_SUFFIX))
                    .collect(Collectors.toList());
            for (Path file : files) {
                try {
                    segments.put(names.toLong(file.toFile()), file);
                } catch (RuntimeException e) {
                    // not one of ours
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + journal + ": " + e.getMessage(), e);
        }
        return segments;
    }

    /** Returns the bytes the journal's files take on disk: its segments, metadata and staging rings. */
    static long bytesOnDisk(Path journal) {
        return DiskUsage.ofFilesIn(journal) + DiskUsage.ofFilesIn(staging(journal));
    }
}
