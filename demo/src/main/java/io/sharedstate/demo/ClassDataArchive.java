package io.sharedstate.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
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
 * ({@code $XDG_CACHE_HOME/shared-state} or {@code ~/.cache/shared-state}) when the jar's folder is read-only. Its
 * name carries a hash of what CDS checks (the jar's path, size and time, the runtime), so a rebuilt jar or another
 * runtime gets its own. Launchers that train at the same time each write a temporary file and rename it into
 * place, so a worker never maps a half-written archive. Whatever fails leaves the workers unarchived: slower, never
 * different; a failed training leaves a marker so that later runs of that jar do not pay for it again, and
 * {@code SHARED_STATE_NO_CDS=1} turns the archive off, as it does for the CLI's launcher.
 */
final class ClassDataArchive {
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    private static final long TRAINING_TIMEOUT_SECONDS = 120;

    private static List<String> options;

    private ClassDataArchive() {
    }

    /** Returns the JVM options that map the archive, or none; makes the archive first if it is missing. */
    static synchronized List<String> options() {
        if (options == null) {
            options = make(null);
        }
        return options;
    }

    /** Makes the archive now if it is missing, saying so on {@code out}, so that no scenario's timing pays for it. */
    static synchronized void prepare(PrintStream out) {
        if (options == null) {
            options = make(out);
        }
    }

    /** Returns where the archive of {@code jar} for this Java runtime lives, or nothing if no folder is writable. */
    static Optional<Path> archiveFor(Path jar) {
        Path folder = isWritableFolder(jar.getParent()) ? jar.getParent() : userCache();
        if (folder == null || !isWritableFolder(folder)) {
            return Optional.empty();
        }
        try {
            String identity = jar + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis() + "|"
                    + System.getProperty("java.home") + "|" + Runtime.version();
            return Optional.of(folder.resolve(prefixOf(jar) + Integer.toHexString(identity.hashCode()) + ".jsa"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Returns the options that map a current archive, making it first if need be; {@code out} may be null. */
    private static List<String> make(PrintStream out) {
        Optional<Path> jar = demoJar();
        if (jar.isEmpty() || "1".equals(System.getenv("SHARED_STATE_NO_CDS"))) {
            return List.of();
        }
        Optional<Path> archive = archiveFor(jar.get());
        if (archive.isEmpty() || Files.exists(failureMarker(archive.get()))) {
            return List.of();
        }
        if (!Files.isRegularFile(archive.get()) && !train(jar.get(), archive.get(), out)) {
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

    private static String prefixOf(Path jar) {
        String name = jar.getFileName().toString();
        return name.substring(0, name.length() - ".jar".length()) + "-";
    }

    private static Path failureMarker(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".failed");
    }

    private static Path userCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        String home = System.getProperty("user.home");
        // A user without a passwd entry (in a container) has "?" as home: never a folder relative to the cwd.
        Path cache = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : home != null && Path.of(home).isAbsolute() ? Path.of(home, ".cache") : null;
        if (cache == null) {
            return null;
        }
        try {
            return Files.createDirectories(cache.resolve("shared-state"));
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isWritableFolder(Path folder) {
        return folder != null && Files.isDirectory(folder) && Files.isWritable(folder);
    }

    /** Records the archive with a training worker and puts it in place; returns whether it is there. */
    private static boolean train(Path jar, Path archive, PrintStream out) {
        if (out != null) {
            out.println("(once per build: recording the classes worker JVMs load into " + archive.getFileName()
                    + ", so that each worker starts faster)");
        }
        Path partial = null;
        try {
            partial = Files.createTempFile(archive.getParent(), archive.getFileName().toString(), ".tmp");
            if (!record(partial)) {
                Files.deleteIfExists(partial);
                Files.createFile(failureMarker(archive));
                return false;
            }
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            deleteOlderArchives(jar, archive.getParent());
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            deleteQuietly(partial);
        }
    }

    /** Runs the training worker on a scratch store, writing the archive to {@code partial}; returns whether it did. */
    private static boolean record(Path partial) throws IOException {
        Path scratch = Files.createTempDirectory("shared-state-demo-training-");
        try {
            List<String> recording = new ArrayList<>(QUIET);
            recording.add("-XX:ArchiveClassesAtExit=" + partial);
            Process training = new ProcessBuilder(ChildJvm.unarchivedCommand(ArchiveTraining.class, recording,
                    List.of(scratch.resolve("store").toString())))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            training.getOutputStream().close();
            if (!training.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                training.destroyForcibly().waitFor();
                return false;
            }
            return training.exitValue() == 0 && Files.size(partial) > 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            deleteTree(scratch);
        }
    }

    /** Deletes the archives of earlier builds of the jar: archives of this build for other runtimes stay. */
    private static void deleteOlderArchives(Path jar, Path folder) throws IOException {
        FileTime built = Files.getLastModifiedTime(jar);
        String prefix = prefixOf(jar);
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(file -> file.getFileName().toString().startsWith(prefix))
                    .filter(file -> file.getFileName().toString().matches(".*\\.jsa(\\.failed)?"))
                    .filter(file -> isOlderThan(file, built))
                    .forEach(ClassDataArchive::deleteQuietly);
        }
    }

    private static boolean isOlderThan(Path file, FileTime time) {
        try {
            return Files.getLastModifiedTime(file).compareTo(time) < 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
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
