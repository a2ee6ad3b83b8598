package io.sharedstate.cli;

import io.sharedstate.SharedState;
import io.sharedstate.store.ChronicleSharedState;
import io.sharedstate.store.StoreFiles;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

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
        if (ClusterOptions.namesCluster(directory)) {
            throw new UserException(directory + " names a cluster, and this command works on a local store only; "
                    + "the commands that work on a cluster are " + ClusterOptions.COMMANDS);
        }
        BasicFileAttributes attributes = attributes(directory, directory);
        if (attributes == null) {
            throw new UserException(directory + ": no such directory");
        }
        if (!attributes.isDirectory()) {
            throw new UserException(directory + " is not a directory: give the store's directory");
        }
        Path header = directory.resolve(StoreFiles.HEADER);
        if (attributes(header, directory) == null) {
            throw new UserException(directory + " is not a shared-state store: it has no " + StoreFiles.HEADER);
        }
        for (Path file : new Path[] {header, directory.resolve(StoreFiles.MAP)}) {
            if (Files.exists(file) && !Files.isReadable(file)) {
                throw new UserException("permission denied: " + file + " is not readable by this user; run as "
                        + "the store's owner or a member of its group");
            }
        }
    }

    /** Returns the file's attributes, null if it does not exist; says which file this user may not look into. */
    private static BasicFileAttributes attributes(Path file, Path directory) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (AccessDeniedException e) {
            throw new UserException("permission denied: " + deniedAt(file) + " cannot be searched by this user, "
                    + "so " + directory + " cannot be opened; run as the store's owner or a member of its group");
        } catch (IOException e) {
            throw new UserException(file + ": " + e.getMessage());
        }
    }

    /** Returns the first directory on the way to {@code file} that this user may not enter. */
    private static Path deniedAt(Path file) {
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        for (int i = 1; parent != null && i <= parent.getNameCount(); i++) {
            Path step = parent.getRoot().resolve(parent.subpath(0, i));
            if (!Files.isExecutable(step)) {
                return step;
            }
        }
        return parent == null ? absolute : parent;
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

    /**
     * Opens an existing local store read-only, as {@link #openReadOnly(Path)}, or joins the cluster that
     * {@code directory} names.
     */
    static SharedState openReadOnly(Path directory, ClusterOptions cluster) {
        cluster.checkFor(directory);
        return ClusterOptions.namesCluster(directory) ? cluster.open(directory) : openReadOnly(directory);
    }

    /** Opens an existing local store for writing, as {@link #openForWriting(Path)}, or joins the cluster. */
    static SharedState openForWriting(Path directory, ClusterOptions cluster) {
        cluster.checkFor(directory);
        return ClusterOptions.namesCluster(directory) ? cluster.open(directory) : openForWriting(directory);
    }

    /** Returns how output names the store: its directory, or the cluster as given. */
    static String name(SharedState state, Path directory) {
        return ClusterOptions.namesCluster(directory) ? directory.toString() : state.directory().toString();
    }

    private static void requireReadWrite(Path directory) {
        for (Path file : new Path[] {directory.resolve(StoreFiles.HEADER), directory.resolve(StoreFiles.MAP)}) {
            if (Files.exists(file) && !Files.isWritable(file)) {
                throw new UserException((onReadOnlyFileSystem(file) ? "read-only file system: " + file
                        + " cannot be written" : "permission denied: " + file + " is not writable by this user")
                        + "; even read-only commands map it read-write (Chronicle Map's segment locks live in the "
                        + "file): run as the store's owner or a member of its group, on a writable mount");
            }
        }
    }

    private static boolean onReadOnlyFileSystem(Path file) {
        try {
            return Files.getFileStore(file).isReadOnly();
        } catch (IOException e) {
            return false;
        }
    }
}
