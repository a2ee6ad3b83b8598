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

    /** Opens an existing store read-only: nothing in it is created, registered or changed. */
    static ChronicleSharedState openReadOnly(Path directory) {
        requireStore(directory);
        for (Path file : new Path[] {directory.resolve(StoreFiles.HEADER), directory.resolve(StoreFiles.MAP)}) {
            if (Files.exists(file) && (!Files.isReadable(file) || !Files.isWritable(file))) {
                throw new UserException(file + " is not readable and writable by this user: even read-only "
                        + "commands map it read-write (Chronicle Map's segment locks live in the file); run as "
                        + "the store's owner or a member of its group");
            }
        }
        return (ChronicleSharedState) SharedState.builder(directory).readOnly().open();
    }

    /**
     * Opens for writing a store this process already has open read-only (which validated it): the two share one
     * open store, which now registers this process as a writer.
     */
    static SharedState upgrade(ChronicleSharedState readOnly) {
        return SharedState.builder(readOnly.directory()).open();
    }
}
