package io.sharedstate.internal;

import net.openhft.posix.PosixAPI;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The space files take on disk, which is what matters for the store's sparse files (a journal file's length is
 * 80 MiB while it holds a few KiB).
 */
public final class DiskUsage {
    private DiskUsage() {
    }

    /** Returns the bytes {@code file} occupies on disk, or its length where that cannot be told. */
    public static long of(Path file) {
        try {
            // Chronicle's du answers in KiB.
            return PosixAPI.posix().du(file.toString()) * 1024;
        } catch (IOException | RuntimeException | LinkageError e) {
            return file.toFile().length();
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
}
