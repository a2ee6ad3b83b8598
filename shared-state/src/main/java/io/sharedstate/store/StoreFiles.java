package io.sharedstate.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of a store directory:
 * <pre>
 * DIR/shared-state.meta   header, process table and OS locks (StoreHeader); its presence makes DIR a store
 * DIR/values.cm3          the Chronicle Map of keys to values
 * DIR/journal/            the Chronicle Queue of changes, and journal/staging/ the processes' staging rings
 * DIR/shared-state.lock   only while a store is being created: the creators' lock
 * </pre>
 */
public final class StoreFiles {
    /** The header file's name. */
    public static final String HEADER = "shared-state.meta";
    /** The creation lock file's name. */
    public static final String CREATION_LOCK = "shared-state.lock";
    /** The Chronicle Map file's name. */
    public static final String MAP = "values.cm3";
    /** The journal directory's name. */
    public static final String JOURNAL = "journal";
    /** The names a store directory holds; anything else in it means it is not one. */
    static final Set<String> NAMES = Set.of(HEADER, CREATION_LOCK, MAP, JOURNAL);

    private final Path directory;

    private StoreFiles(Path directory) {
        this.directory = directory;
    }

    /** Returns the files of the store in {@code directory}. */
    public static StoreFiles in(Path directory) {
        return new StoreFiles(directory);
    }

    public Path directory() {
        return directory;
    }

    public Path header() {
        return directory.resolve(HEADER);
    }

    public Path creationLock() {
        return directory.resolve(CREATION_LOCK);
    }

    public Path map() {
        return directory.resolve(MAP);
    }

    public Path journal() {
        return directory.resolve(JOURNAL);
    }

    /** Returns whether the directory is missing or has no entries. */
    boolean isAbsentOrEmpty() {
        if (!Files.exists(directory)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Returns whether the directory holds nothing but what a store (or a store being created) holds. */
    boolean holdsOnlyStoreFiles() {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString())
                    .allMatch(name -> NAMES.contains(name) || name.startsWith(HEADER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }
}
