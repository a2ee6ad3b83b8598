package io.sharedstate.testing;

import io.sharedstate.internal.JvmOptions;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The classpath and class-data archive that child JVMs of the tests start with. The suites start several hundred
 * JVMs, each of which loads Chronicle's few thousand classes: a dynamic CDS archive of what a child that opens a
 * store loads roughly halves a child's start-up CPU. CDS accepts only jars, so the build's class directories are
 * packed into jars once per test JVM. Whatever fails here leaves the children on the plain classpath, unarchived:
 * slower, never different.
 */
final class ChildClasspath {
    private static final ChildClasspath INSTANCE = create();

    private final String classpath;
    private final List<String> archiveOptions;

    private ChildClasspath(String classpath, List<String> archiveOptions) {
        this.classpath = classpath;
        this.archiveOptions = archiveOptions;
    }

    /** Returns the classpath and archive that stand for the test JVM's own {@code java.class.path}. */
    static ChildClasspath get() {
        return INSTANCE;
    }

    String classpath() {
        return classpath;
    }

    /** Returns the JVM options that map the archive, or none when there is no archive. */
    List<String> archiveOptions() {
        return archiveOptions;
    }

    private static ChildClasspath create() {
        String original = System.getProperty("java.class.path");
        if (Boolean.getBoolean("children.noArchive")) {
            return new ChildClasspath(original, List.of());
        }
        try {
            Path folder = Files.createTempDirectory("shared-state-children-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            String packed = packDirectories(original, folder);
            Path archive = folder.resolve("children.jsa");
            deleteOnExit(folder);
            return new ChildClasspath(packed, dumpArchive(packed, archive, folder));
        } catch (IOException | UncheckedIOException e) {
            return new ChildClasspath(original, List.of());
        }
    }

    private static String packDirectories(String classpath, Path folder) throws IOException {
        List<String> entries = new ArrayList<>();
        int index = 0;
        for (String entry : classpath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                Path jar = folder.resolve("classes-" + index++ + ".jar");
                packDirectory(path, jar);
                entries.add(jar.toString());
            } else {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void packDirectory(Path directory, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                String name = directory.relativize(file).toString().replace(File.separatorChar, '/');
                out.putNextEntry(new JarEntry(name));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
        }
    }

    /** Runs one child that creates and opens a store, recording the classes it loads; returns the options to map them. */
    private static List<String> dumpArchive(String classpath, Path archive, Path folder) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(JavaProcess.javaExecutable());
        command.addAll(JvmOptions.fromLibrary());
        command.addAll(JavaProcess.CHILD_OPTIONS);
        command.add("-XX:ArchiveClassesAtExit=" + archive);
        command.add("-Xlog:cds=off");
        command.add("-Xlog:cds+dynamic=off");
        command.add("-cp");
        command.add(classpath);
        command.add(Worker.class.getName());
        command.add("open");
        command.add(folder.resolve("store").toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("archive.log").toFile()).start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return List.of();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(archive)) {
            return List.of();
        }
        // Logging off: a child that cannot map the archive (another JVM, changed options) runs without it, silently.
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    private static void deleteOnExit(Path folder) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary folder left behind
            }
        }, "delete-child-classpath"));
    }
}
