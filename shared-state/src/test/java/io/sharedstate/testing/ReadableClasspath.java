package io.sharedstate.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The children's classpath copied where any user can read it, for children run as another Unix user: the jars
 * of the local Maven repository sit in root's home, which nobody else may enter. Copied once per test JVM.
 */
final class ReadableClasspath {
    private static String classpath;

    private ReadableClasspath() {
    }

    static synchronized String get() {
        if (classpath == null) {
            classpath = copy(ChildClasspath.get().classpath());
        }
        return classpath;
    }

    private static String copy(String original) {
        try {
            Path folder = Files.createTempDirectory("shared-state-readable-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            deleteOnExit(folder);
            List<String> entries = new ArrayList<>();
            int index = 0;
            for (String entry : original.split(File.pathSeparator)) {
                Path source = Path.of(entry);
                if (!Files.isRegularFile(source)) {
                    entries.add(entry);
                    continue;
                }
                Path copy = folder.resolve(index++ + "-" + source.getFileName());
                Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                entries.add(copy.toString());
            }
            return String.join(File.pathSeparator, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the classpath where other users can read it", e);
        }
    }

    private static void deleteOnExit(Path folder) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary folder left behind
            }
        }, "delete-readable-classpath"));
    }
}
