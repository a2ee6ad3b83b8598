package io.sharedstate.cli;

import io.sharedstate.SharedState;
import io.sharedstate.store.ChronicleSharedState;
import io.sharedstate.store.StoreFiles;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens stores for the commands, refusing anything that is not an existing store before touching it. */
final class Stores {
    private Stores() {
    }

    /**
     * Checks that {@code directory} exists and holds a store header, so that no command ever creates a store.
     *
     * @throws UserException if not
     */
    static void requireStore(Path directory) {
        if (!Files.exists(directory)) {
            throw new UserException(directory + ": no such directory");
        }
        if (!Files.isDirectory(directory)) {
            throw new UserException(directory + " is not a directory: give the store's directory");
        }
        if (!Files.exists(directory.resolve(StoreFiles.HEADER))) {
            throw new UserException(directory + " is not a shared-state store: it has no " + StoreFiles.HEADER);
        }
    }

    /**
     * Opens an existing store read-only: it registers this process as a reader (so that its death is noticed) and
     * changes no value, key or journal file.
     */
    static ChronicleSharedState openReadOnly(Path directory) {
        requireStore(directory);
        requireReadWrite(directory);
        return (ChronicleSharedState) SharedState.builder(directory).readOnly().open();
    }

    /** Opens an existing store for writing; it never creates one. */
    static SharedState openForWriting(Path directory) {
        requireStore(directory);
        requireReadWrite(directory);
        return SharedState.builder(directory).open();
    }

    private static void requireReadWrite(Path directory) {
        for (Path file : new Path[] {directory.resolve(StoreFiles.HEADER), directory.resolve(StoreFiles.MAP)}) {
            if (Files.exists(file) && (!Files.isReadable(file) || !Files.isWritable(file))) {
                throw new UserException(file + " is not readable and writable by this user: even read-only "
                        + "commands map it read-write (Chronicle Map's segment locks live in the file); run as "
                        + "the store's owner or a member of its group");
            }
        }
    }
}
