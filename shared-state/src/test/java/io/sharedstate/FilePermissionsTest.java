package io.sharedstate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Files are created readable and writable by their owner only, unless configured otherwise. */
class FilePermissionsTest {
    @TempDir
    Path dir;

    @Test
    void filesAreOwnerOnlyByDefault() throws IOException {
        Path store = dir.resolve("store");
        try (SharedState state = SharedState.open(store)) {
            state.longValue("v", 1).incrementAndGet();
        }
        assertEquals("rwx------", permissions(store));
        for (Path file : List.of(store.resolve("shared-state.meta"), store.resolve("values.cm3"),
                store.resolve("shared-state.lock"))) {
            assertEquals("rw-------", permissions(file), file.toString());
        }
        assertEquals("rwx------", permissions(store.resolve("journal")), "journal files sit in an owner-only directory");
        assertFalse(filesUnder(store).stream().anyMatch(path -> permissions(path).charAt(7) == 'w'),
                "no file is world-writable");
    }

    @Test
    void groupAccessCanBeConfigured() throws IOException {
        Path store = dir.resolve("shared");
        try (SharedState state = SharedState.builder(store)
                .filePermissions(PosixFilePermissions.fromString("rw-rw----")).open()) {
            state.longValue("v", 1);
        }
        assertEquals("rwxrwx---", permissions(store));
        assertEquals("rw-rw----", permissions(store.resolve("values.cm3")));
        assertEquals("rw-rw----", permissions(store.resolve("shared-state.meta")));
    }

    private static String permissions(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.collect(Collectors.toList());
        }
    }
}
