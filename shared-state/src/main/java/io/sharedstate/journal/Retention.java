package io.sharedstate.journal;

import io.sharedstate.internal.DiskUsage;
import io.sharedstate.lock.ProcessRecord;
import io.sharedstate.lock.ProcessRegistry;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Deletes old journal files: beyond the newest {@code cycles} roll cycles, or while the journal is over its byte
 * cap. Never the current cycle, and never a cycle a live process's watcher still needs (each process publishes the
 * oldest cycle its watchers read in its registry slot): a deleted file would be a hole in their stream.
 */
final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private static final String SUFFIX = ".cq4";

    private final Path directory;
    private final int cycles;
    private final long maxBytes;
    private final ProcessRegistry registry;

    Retention(Path directory, int cycles, long maxBytes, ProcessRegistry registry) {
        this.directory = directory;
        this.cycles = cycles;
        this.maxBytes = maxBytes;
        this.registry = registry;
    }

    synchronized int enforce(SingleChronicleQueue queue) {
        NavigableMap<Long, File> files = cycleFiles(queue);
        if (files.size() <= 1) {
            return 0;
        }
        long current = Math.max(queue.cycle(), files.lastKey());
        long needed = oldestNeededCycle();
        long bytes = files.values().stream().mapToLong(file -> DiskUsage.of(file.toPath())).sum();
        LOG.debug("journal {}: cycles {}..{}, current {}, oldest needed {}, {} bytes", directory, files.firstKey(),
                files.lastKey(), current, needed, bytes);
        int deleted = 0;
        for (var entry : files.entrySet()) {
            long cycle = entry.getKey();
            boolean tooOld = cycle <= current - cycles;
            boolean overCap = bytes > maxBytes;
            if (cycle >= current || cycle >= needed || !(tooOld || overCap)) {
                break;
            }
            long size = DiskUsage.of(entry.getValue().toPath());
            if (entry.getValue().delete()) {
                bytes -= size;
                deleted++;
                LOG.debug("journal {}: deleted cycle {} ({})", directory, cycle, tooOld ? "age" : "size cap");
            }
        }
        if (deleted > 0) {
            queue.refreshDirectoryListing();
        }
        return deleted;
    }

    long bytesOnDisk() {
        return DiskUsage.ofFilesIn(directory);
    }

    private long oldestNeededCycle() {
        return registry.processes().stream()
                .filter(ProcessRecord::alive)
                .mapToLong(ProcessRecord::journalCycle)
                .filter(cycle -> cycle >= 0)
                .min().orElse(Long.MAX_VALUE);
    }

    private NavigableMap<Long, File> cycleFiles(SingleChronicleQueue queue) {
        RollingResourcesCache names = new RollingResourcesCache(queue.rollCycle(), queue.epoch(),
                name -> new File(directory.toFile(), name + SUFFIX),
                file -> file.getName().substring(0, file.getName().length() - SUFFIX.length()));
        NavigableMap<Long, File> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(directory)) {
            List<File> queueFiles = paths.map(Path::toFile)
                    .filter(file -> file.getName().endsWith(SUFFIX)).collect(Collectors.toList());
            for (File file : queueFiles) {
                try {
                    files.put(names.toLong(file), file);
                } catch (RuntimeException e) {
                    LOG.debug("journal {}: ignoring {}", directory, file.getName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        return files;
    }
}
