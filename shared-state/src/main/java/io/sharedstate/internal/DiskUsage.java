package io.sharedstate.internal;

import net.openhft.posix.PosixAPI;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The space files take on disk, which is what matters for the store's sparse files (a journal segment's length is
 * 80 MiB while it holds a few KiB): the sum of the file's data extents, found with {@code lseek(SEEK_DATA)} and
 * {@code lseek(SEEK_HOLE)}, in microseconds and without starting a process.
 *
 * <p>Never use it on the store's header file: opening and closing a descriptor of that file would release the
 * OS locks this process holds on it (see {@link io.sharedstate.lock.ProcessLocks}).
 */
public final class DiskUsage {
    private static final int O_RDONLY = 0;
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;

    private DiskUsage() {
    }

    /** Returns the bytes {@code file} occupies on disk, or its length where that cannot be told. */
    public static long of(Path file) {
        try {
            PosixAPI posix = PosixAPI.posix();
            int fd = posix.open(file.toString(), O_RDONLY, 0);
            if (fd < 0) {
                return length(file);
            }
            try {
                long total = 0;
                long offset = 0;
                while (true) {
                    long data = posix.lseek(fd, offset, SEEK_DATA);
                    if (data < 0) {
                        break;
                    }
                    long hole = posix.lseek(fd, data, SEEK_HOLE);
                    if (hole <= data) {
                        break;
                    }
                    total += hole - data;
                    offset = hole;
                }
                return total;
            } finally {
                posix.close(fd);
            }
        } catch (RuntimeException | LinkageError e) {
            return length(file);
        }
    }

    /** Returns the bytes the regular files directly in {@code directory} occupy on disk; 0 if it is missing. */
    public static long ofFilesIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(DiskUsage::of).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static long length(Path file) {
        return file.toFile().length();
    }
}
