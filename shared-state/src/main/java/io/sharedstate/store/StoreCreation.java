package io.sharedstate.store;

import io.sharedstate.StoreFormatException;
import io.sharedstate.internal.FilePermissions;
import io.sharedstate.internal.IoFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Creates a store so that an interrupted creation never leaves a directory that later opens take for corrupt.
 * Creators take turns under an OS lock on {@code shared-state.lock}; the one whose turn it is deletes whatever an
 * earlier, interrupted creation left (no header means the store was never published), writes the map, the journal
 * directory and the header (to a temporary name), and publishes the header with a hard link, atomically: its
 * presence is what makes the directory a store. The lock file is deleted when the creation ends, whether it
 * succeeded or failed; a creator that waited on a lock file deleted meanwhile notices and takes its turn on the new
 * one.
 *
 * <p>A turn ends by giving the (empty) lock file a length, through the descriptor that holds the lock, before the
 * file is unlinked: a waiter that held the old file reads that length through its own descriptor. A length needs no
 * free block, so a creation that failed on a full disk still deletes its lock file. The lock file is never
 * opened a second time to check which file the path names: the lock is an {@code fcntl} lock, and closing any
 * descriptor of the file releases it at once, which let a second creator delete the first one's map mid-creation.
 */
final class StoreCreation {
    private static final Logger LOG = LoggerFactory.getLogger(StoreCreation.class);

    private static final long RETIRED_LENGTH = 1;

    private StoreCreation() {
    }

    /** Makes sure {@code files} is a complete store, creating it with {@code config} if it is not one yet. */
    static void ensureCreated(StoreFiles files, StoreConfig config) {
        Path directory = files.directory();
        if (Files.isRegularFile(files.header())) {
            return;
        }
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new StoreFormatException(directory + " is not a shared-state store: it is a file");
        }
        if (Files.exists(files.header())) {
            throw new StoreFormatException(files.header() + " is not a regular file; it is not a store a process can "
                    + "open (restore the store from a backup)");
        }
        if (!files.isAbsentOrEmpty() && !files.holdsOnlyStoreFiles()) {
            throw new StoreFormatException(directory + " is not a shared-state store: it holds other files and no "
                    + StoreFiles.HEADER + "; open a new or empty directory");
        }
        boolean madeDirectory = !Files.exists(directory);
        try {
            FilePermissions.createDirectory(directory, config.filePermissions());
            while (!Files.isRegularFile(files.header())) {
                createInTurn(files, config);
            }
        } catch (RuntimeException | Error e) {
            if (madeDirectory) {
                // Only if empty: another process may be creating the store in it right now.
                deleteIfEmpty(directory);
            }
            throw e instanceof StoreFormatException ? (StoreFormatException) e
                    : IoFailures.translate("creating the store", directory, e);
        }
    }

    private static void createInTurn(StoreFiles files, StoreConfig config) {
        Path lockFile = files.creationLock();
        // A RandomAccessFile, for setLength: the mark that ends a turn is the file's length, which needs no free block.
        try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
             FileLock turn = file.getChannel().lock()) {
            if (isRetired(file)) {
                return;
            }
            try {
                if (!Files.isRegularFile(files.header())) {
                    createAfterDebris(files, config);
                }
            } finally {
                retire(file, lockFile);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void createAfterDebris(StoreFiles files, StoreConfig config) throws IOException {
        try {
            deleteDebris(files);
            create(files, config);
        } catch (RuntimeException | Error | IOException e) {
            deleteDebris(files);
            throw e;
        }
    }

    /**
     * Returns whether the turn this lock file stood for has ended: its path no longer names it, or soon will not. The
     * length is read from the open file (fstat), never by opening the path again.
     */
    private static boolean isRetired(RandomAccessFile file) throws IOException {
        return file.length() > 0;
    }

    /**
     * Marks the lock file retired, by giving it a length (ftruncate, which allocates nothing, so it works on a full
     * disk), and unlinks it. If even that fails, the file stays: its path still names it, so waiters that hold it
     * remain the only ones taking turns.
     */
    private static void retire(RandomAccessFile file, Path lockFile) {
        try {
            file.setLength(RETIRED_LENGTH);
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            LOG.warn("left {} in place: {}", lockFile, e.toString());
        }
    }

    private static void create(StoreFiles files, StoreConfig config) throws IOException {
        MapSizing sizing = MapSizing.of(config.capacity(), config.maxArrayLength(), config.dataBytes());
        try (KeyIndex index = KeyIndex.open(files.map(), sizing, true)) {
            LOG.debug("created map {} with {} segments", index.file(), index.segments());
        }
        FilePermissions.apply(files.map(), config.filePermissions());
        FilePermissions.createDirectory(files.journal(), config.filePermissions());
        Path draft = files.directory().resolve(StoreFiles.HEADER + ".new-" + ProcessHandle.current().pid());
        try (FileChannel channel = FileChannel.open(draft, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            FilePermissions.apply(draft, config.filePermissions());
            ByteBuffer contents = StoreHeader.contents(config, config.dataBytes());
            while (contents.hasRemaining()) {
                channel.write(contents);
            }
            channel.force(true);
        }
        try {
            Files.createLink(files.header(), draft);
        } catch (FileAlreadyExistsException e) {
            LOG.debug("another process published {} first", files.header());
        } finally {
            Files.deleteIfExists(draft);
        }
        LOG.info("created shared-state store {}", files.directory());
    }

    /** Deletes what an interrupted creation left: everything but the creation lock, as there is no header. */
    private static void deleteDebris(StoreFiles files) {
        try (Stream<Path> entries = Files.list(files.directory())) {
            entries.filter(path -> !path.getFileName().toString().equals(StoreFiles.CREATION_LOCK))
                    .filter(path -> !path.equals(files.header()))
                    .forEach(StoreCreation::deleteQuietly);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot clean " + files.directory() + ": " + e.getMessage(), e);
        }
    }

    private static void deleteIfEmpty(Path directory) {
        try {
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            LOG.debug("left {}: {}", directory, e.toString());
        }
    }

    private static void deleteQuietly(Path path) {
        try (Stream<Path> tree = Files.walk(path)) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot delete {}: {}", path, e.toString());
        }
    }
}
