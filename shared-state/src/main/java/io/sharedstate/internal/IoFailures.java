package io.sharedstate.internal;

import io.sharedstate.DiskFullException;
import io.sharedstate.SharedStateException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns what the file system and the JVM say when storage fails (an {@link IOException} "No space left on device",
 * or the {@link InternalError} the JVM raises for a SIGBUS on a mapped page of a full disk) into one typed
 * exception that says what is wrong, where, and what to do.
 */
public final class IoFailures {
    private static final long LOW_SPACE_BYTES = 1L << 20;

    private IoFailures() {
    }

    /** Returns whether {@code failure} (or a cause) says the device is full, or looks like it on a full device. */
    public static boolean isDiskFull(Throwable failure, Path directory) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("No space left on device") || message.contains("Disk quota exceeded")
                    || message.contains("Not enough space to fallocate")) {
                return true;
            }
            if (cause instanceof InternalError || cause instanceof IOException) {
                return usableSpace(directory) < LOW_SPACE_BYTES;
            }
        }
        return false;
    }

    /**
     * Returns the typed exception for a storage failure of an operation on {@code directory}: disk full, read-only
     * file system, permission denied, or else a {@link SharedStateException} naming the cause.
     */
    public static SharedStateException translate(String operation, Path directory, Throwable failure) {
        if (failure instanceof SharedStateException) {
            return (SharedStateException) failure;
        }
        if (isDiskFull(failure, directory)) {
            return diskFull(operation, directory, failure);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("Read-only file system")) {
                return new SharedStateException("read-only file system: " + directory + " cannot be written ("
                        + operation + "); open the store read-only, or remount it read-write", failure);
            }
            if (cause instanceof AccessDeniedException) {
                return new SharedStateException("permission denied: " + ((FileSystemException) cause).getFile()
                        + " (" + operation + "); run as a user with access to the store, or ask its owner for it",
                        failure);
            }
        }
        return new SharedStateException(operation + " in " + directory + " failed: " + failure, failure);
    }

    /** Returns the exception for an operation on {@code directory} refused for want of space; {@code cause} may be null. */
    public static DiskFullException diskFull(String operation, Path directory, Throwable cause) {
        return new DiskFullException("no space left on device in " + directory + ": " + operation
                + " failed and changed nothing; free some space and it works again", cause);
    }

    private static long usableSpace(Path directory) {
        try {
            Path existing = directory;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing == null ? Long.MAX_VALUE : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }
}
