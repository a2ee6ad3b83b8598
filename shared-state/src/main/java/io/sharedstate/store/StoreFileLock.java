package io.sharedstate.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The OS lock on {@code shared-state.lock}: every process that has the store open holds it shared, for as long
 * as it is open, so {@code recover} can tell, by taking it exclusively, that nobody else has the store open.
 * The OS releases it when a process dies. A JVM holds it once per store, whatever the number of opens.
 */
final class StoreFileLock implements AutoCloseable {
    private static final long RETRY_NANOS = 5_000_000;

    private final FileChannel channel;
    private final FileLock lock;

    private StoreFileLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock shared, first running {@code initializer} under an exclusive lock while {@code ready} says
     * the store is not initialized: so exactly one of several processes opening a new directory creates it.
     */
    static StoreFileLock shared(Path file, BooleanSupplier ready, Runnable initializer) {
        FileChannel channel = openChannel(file, true);
        try {
            while (!ready.getAsBoolean()) {
                FileLock exclusive = tryLock(channel, false);
                if (exclusive == null) {
                    LockSupport.parkNanos(RETRY_NANOS);
                    continue;
                }
                try {
                    if (!ready.getAsBoolean()) {
                        initializer.run();
                    }
                } finally {
                    exclusive.release();
                }
            }
            return new StoreFileLock(channel, channel.lock(0, Long.MAX_VALUE, true));
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e instanceof IOException ? new UncheckedIOException((IOException) e) : (RuntimeException) e;
        }
    }

    /** Takes the lock shared for a read-only open; absent if the lock file does not exist. */
    static Optional<StoreFileLock> sharedReadOnly(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        FileChannel channel = openChannel(file, false);
        try {
            return Optional.of(new StoreFileLock(channel, channel.lock(0, Long.MAX_VALUE, true)));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** Takes the lock exclusively if no other process holds it; empty if one does. */
    static Optional<StoreFileLock> tryExclusive(Path file) {
        FileChannel channel = openChannel(file, true);
        try {
            FileLock lock = tryLock(channel, false);
            if (lock == null) {
                closeQuietly(channel);
                return Optional.empty();
            }
            return Optional.of(new StoreFileLock(channel, lock));
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e instanceof IOException ? new UncheckedIOException((IOException) e) : (RuntimeException) e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    private static FileLock tryLock(FileChannel channel, boolean shared) throws IOException {
        try {
            return channel.tryLock(0, Long.MAX_VALUE, shared);
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("this JVM already holds the lock of this store", e);
        }
    }

    private static FileChannel openChannel(Path file, boolean writable) {
        try {
            return writable
                    ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)
                    : FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
