package io.sharedstate.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The class-data-sharing archive that worker JVMs map. A demo starts tens of JVMs, each loading a few thousand
 * classes of Chronicle and the library: a dynamic CDS archive of what a worker loads cuts a worker's start-up CPU
 * by about 40% (measured: {@code demo seed}, 24 workers, 23.7 CPU-seconds without it, 14.5 with it).
 *
 * <p>The archive is made once per demo jar and Java runtime, by one training worker
 * ({@code -XX:ArchiveClassesAtExit}, {@link ArchiveTraining}), and kept beside the jar, or in the user's cache
 * ({@code $XDG_CACHE_HOME/shared-state} or {@code ~/.cache/shared-state}) when the jar's folder is read-only.
 * Launchers that train at the same time each write their own temporary file and rename it into place, so a
 * worker never maps a half-written archive. Whatever fails leaves the workers unarchived: slower, never
 * different; the JVM itself ignores an archive that does not fit its jar or runtime ({@code -Xshare:auto}).
 */
final class ClassDataArchive {
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    private static final long TRAINING_TIMEOUT_SECONDS = 120;

    private static List<String> options;

    private ClassDataArchive() {
    }

    /** Returns the JVM options that map the archive, or none; makes the archive first if it is missing or stale. */
    static synchronized List<String> options() {
        if (options == null) {
            options = make(null);
        }
        return options;
    }

    /** Makes the archive now if it is missing or stale, saying so on {@code out}, so that no scenario pays for it. */
    static synchronized void prepare(PrintStream out) {
        if (options == null) {
            options = make(out);
        }
    }

    /** Returns the options that map a current archive, making it first if need be; {@code out} may be null. */
    private static List<String> make(PrintStream out) {
        Optional<Path> jar = demoJar();
        if (jar.isEmpty() || Boolean.getBoolean("demo.noArchive")) {
            return List.of();
        }
        Optional<Path> archive = archiveFor(jar.get());
        if (archive.isEmpty()) {
            return List.of();
        }
        if (!isCurrent(archive.get(), jar.get()) && !train(jar.get(), archive.get(), out)) {
            return List.of();
        }
        List<String> mapping = new ArrayList<>();
        mapping.add("-XX:SharedArchiveFile=" + archive.get());
        mapping.addAll(QUIET);
        return List.copyOf(mapping);
    }

    /** Returns the demo's jar, if the launcher runs from one: CDS archives only classes loaded from jars. */
    private static Optional<Path> demoJar() {
        Path classpath = Path.of(ChildJvm.classpath());
        boolean jar = Files.isRegularFile(classpath) && classpath.getFileName().toString().endsWith(".jar");
        return jar ? Optional.of(classpath.toAbsolutePath()) : Optional.empty();
    }

    /** Returns where the archive of {@code jar} for this Java runtime lives, or nothing if no folder is writable. */
    private static Optional<Path> archiveFor(Path jar) {
        String jarName = jar.getFileName().toString();
        String name = jarName.substring(0, jarName.length() - ".jar".length()) + "-"
                + Integer.toHexString((jar + "|" + System.getProperty("java.home") + "|" + Runtime.version())
                        .hashCode()) + ".jsa";
        Path folder = isWritableFolder(jar.getParent()) ? jar.getParent() : userCache();
        return folder != null && isWritableFolder(folder) ? Optional.of(folder.resolve(name)) : Optional.empty();
    }

    private static Path userCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        String home = System.getProperty("user.home");
        Path cache = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : home != null ? Path.of(home, ".cache") : null;
        if (cache == null) {
            return null;
        }
        Path folder = cache.resolve("shared-state");
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isWritableFolder(Path folder) {
        return Files.isDirectory(folder) && Files.isWritable(folder);
    }

    private static boolean isCurrent(Path archive, Path jar) {
        try {
            return Files.size(archive) > 0
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs the training worker on a scratch store; returns whether the archive is now in place. */
    private static boolean train(Path jar, Path archive, PrintStream out) {
        if (out != null) {
            out.println("(once per build: recording the classes worker JVMs load into " + archive.getFileName()
                    + ", so that each worker starts faster)");
        }
        Path scratch = null;
        Path partial = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            scratch = Files.createTempDirectory("shared-state-demo-training-");
            List<String> recording = new ArrayList<>(QUIET);
            recording.add("-XX:ArchiveClassesAtExit=" + partial);
            List<String> command = ChildJvm.unarchivedCommand(ArchiveTraining.class, recording,
                    List.of(scratch.resolve("store").toString()));
            Process training = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            training.getOutputStream().close();
            if (!training.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                training.destroyForcibly().waitFor();
                return false;
            }
            if (training.exitValue() != 0 || !Files.isRegularFile(partial) || Files.size(partial) == 0) {
                return false;
            }
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            deleteQuietly(partial);
            if (scratch != null) {
                deleteTree(scratch);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file left behind in the archive's folder
        }
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(ClassDataArchive::deleteQuietly);
        } catch (IOException ignored) {
            // a scratch store left behind in the temporary directory
        }
    }
}
