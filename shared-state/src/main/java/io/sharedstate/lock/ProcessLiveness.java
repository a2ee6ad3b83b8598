package io.sharedstate.lock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Tells whether a process is alive, and identifies it by its start time so that a reused pid is not mistaken
 * for the process that used it before. On Linux it reads {@code /proc/<pid>/stat}, where a zombie (killed
 * but not yet reaped by its parent) counts as dead; elsewhere it falls back to {@link ProcessHandle}.
 */
public final class ProcessLiveness {
    /** Returned by {@link #startTime(int)} when the process does not exist or is a zombie. */
    public static final long DEAD = -1;

    private static final boolean PROC_FS = Files.isReadable(Path.of("/proc/self/stat"));
    private static final int STATE_FIELD = 0;
    private static final int START_TIME_FIELD = 19;

    private ProcessLiveness() {
    }

    /** Returns the current process's pid. */
    public static int currentPid() {
        return Math.toIntExact(ProcessHandle.current().pid());
    }

    /**
     * Returns an identifier of when process {@code pid} started, stable for the life of the process, or
     * {@link #DEAD} if it does not exist or has exited.
     */
    public static long startTime(int pid) {
        return PROC_FS ? procStartTime(pid) : handleStartTime(pid);
    }

    /** Returns whether process {@code pid} is alive and is the one that started at {@code startTime}. */
    public static boolean isAlive(int pid, long startTime) {
        long actual = startTime(pid);
        return actual != DEAD && actual == startTime;
    }

    /** Returns whether any live process has this pid. */
    public static boolean isAlive(int pid) {
        return startTime(pid) != DEAD;
    }

    private static long procStartTime(int pid) {
        String stat;
        try {
            stat = new String(Files.readAllBytes(Path.of("/proc", Integer.toString(pid), "stat")),
                    StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return DEAD;
        } catch (IOException e) {
            // Gone between the lookup and the read, or not ours to read: treat an unreadable entry as alive
            // only if the directory still exists, so a permission problem never looks like a death.
            return Files.exists(Path.of("/proc", Integer.toString(pid))) ? Long.MAX_VALUE : DEAD;
        }
        // The command name (field 2) is in parentheses and may itself contain spaces or parentheses.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        char state = fields[STATE_FIELD].charAt(0);
        if (state == 'Z' || state == 'X' || state == 'x') {
            return DEAD;
        }
        return Long.parseLong(fields[START_TIME_FIELD]);
    }

    private static long handleStartTime(int pid) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(handle -> handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L))
                .orElse(DEAD);
    }

    /** Returns the command line of a live process, if the platform tells it. */
    public static Optional<String> commandLine(int pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().commandLine());
    }
}
