package io.sharedstate.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of a store directory:
 * <pre>
 * DIR/shared-state.meta   header and process table (StoreHeader); its presence makes DIR a store
 * DIR/shared-state.lock   held shared by every process that has the store open, exclusively by recover
 * DIR/values.cm3          the Chronicle Map of keys to values
 * DIR/journal/            the Chronicle Queue of changes
 * </pre>
 */
public final class StoreFiles {
    /** The header file's name. */
    public static final String HEADER = "shared-state.meta";
    /** The lock file's name. */
    public static final String LOCK = "shared-state.lock";
    /** The Chronicle Map file's name. */
    public static final String MAP = "values.cm3";
    /** The journal directory's name. */
    public static final String JOURNAL = "journal";

    private final Path directory;

    StoreFiles(Path directory) {
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

    public Path lock() {
        return directory.resolve(LOCK);
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
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    /** Creates a directory, with the execute bits matching the file permissions. */
    static void createDirectory(Path dir, Set<PosixFilePermission> filePermissions) {
        try {
            if (Files.isDirectory(dir)) {
                return;
            }
            if (supportsPosix(dir)) {
                Files.createDirectories(dir, asAttribute(directoryPermissions(filePermissions)));
                // The umask may have taken bits away; the configured permissions are what the user asked for.
                Files.setPosixFilePermissions(dir, directoryPermissions(filePermissions));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Applies the configured permissions to a file the store created. */
    static void restrict(Path file, Set<PosixFilePermission> filePermissions) {
        try {
            if (supportsPosix(file)) {
                Files.setPosixFilePermissions(file, Files.isDirectory(file)
                        ? directoryPermissions(filePermissions) : filePermissions);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set permissions of " + file + ": " + e.getMessage(), e);
        }
    }

    static FileAttribute<Set<PosixFilePermission>> asAttribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }

    static boolean supportsPosix(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static Set<PosixFilePermission> directoryPermissions(Set<PosixFilePermission> filePermissions) {
        Set<PosixFilePermission> permissions = EnumSet.copyOf(filePermissions);
        permissions.add(PosixFilePermission.OWNER_EXECUTE);
        if (filePermissions.contains(PosixFilePermission.GROUP_READ)) {
            permissions.add(PosixFilePermission.GROUP_EXECUTE);
        }
        if (filePermissions.contains(PosixFilePermission.OTHERS_READ)) {
            permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return permissions;
    }
}
