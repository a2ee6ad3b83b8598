package io.sharedstate.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Gives the files and directories a store creates the permissions the store was created with, whatever the umask
 * (and whatever the library that created the file, such as Chronicle Queue, which creates its files rw-r--r--).
 */
public final class FilePermissions {
    private FilePermissions() {
    }

    /** Applies {@code permissions} to a file, or their directory form (execute where read) to a directory. */
    public static void apply(Path path, Set<PosixFilePermission> permissions) {
        try {
            if (supportsPosix(path)) {
                Files.setPosixFilePermissions(path, Files.isDirectory(path) ? forDirectory(permissions) : permissions);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the permissions of " + path + ": " + e.getMessage(), e);
        }
    }

    /** Creates a directory (and its parents) with the directory form of {@code permissions}. */
    public static void createDirectory(Path dir, Set<PosixFilePermission> permissions) {
        try {
            if (Files.isDirectory(dir)) {
                return;
            }
            Files.createDirectories(dir);
            apply(dir, permissions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Returns the directory form of file permissions: execute wherever there is read. */
    public static Set<PosixFilePermission> forDirectory(Set<PosixFilePermission> permissions) {
        Set<PosixFilePermission> directory = EnumSet.noneOf(PosixFilePermission.class);
        directory.addAll(permissions);
        directory.add(PosixFilePermission.OWNER_EXECUTE);
        if (permissions.contains(PosixFilePermission.GROUP_READ)) {
            directory.add(PosixFilePermission.GROUP_EXECUTE);
        }
        if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
            directory.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return directory;
    }

    private static boolean supportsPosix(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
