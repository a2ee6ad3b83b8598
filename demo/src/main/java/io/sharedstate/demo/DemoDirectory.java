package io.sharedstate.demo;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

/**
 * Where a scenario keeps its store: the directory given with {@code --dir}, which must be new or empty, or by
 * default a new {@code ${java.io.tmpdir}/shared-state-demo/SCENARIO-yyyyMMdd-HHmmss-SSS}. The store is left there
 * for {@code bin/shared-state dump DIR} to inspect.
 */
final class DemoDirectory {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private DemoDirectory() {
    }

    /**
     * Returns an empty directory for {@code scenario}'s store, creating it.
     *
     * @param requested the directory the user asked for, or null for the default
     * @throws IllegalArgumentException if {@code requested} exists and is not an empty directory
     */
    static Path prepare(String scenario, Path requested) {
        Path directory = requested != null ? requested.toAbsolutePath() : fresh(scenario);
        if (Files.exists(directory) && !isEmptyDirectory(directory)) {
            throw new IllegalArgumentException("--dir " + directory + " is not an empty directory; the demo checks "
                    + "exact totals, so it needs a new store: give a new directory or remove this one");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return directory;
    }

    /** Deletes a scenario's store; returns false (the store stays) if it cannot. */
    static boolean remove(Path directory) {
        try {
            MoreFiles.deleteRecursively(directory, RecursiveDeleteOption.ALLOW_INSECURE);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Returns {@code parent/child} when a parent was requested, else null (the default place). */
    static Path under(Path parent, String child) {
        return parent == null ? null : parent.resolve(child);
    }

    private static Path fresh(String scenario) {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "shared-state-demo");
        String stamp = scenario + "-" + LocalDateTime.now().format(STAMP);
        Path candidate = root.resolve(stamp);
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = root.resolve(stamp + "-" + n);
        }
        return candidate;
    }

    private static boolean isEmptyDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
