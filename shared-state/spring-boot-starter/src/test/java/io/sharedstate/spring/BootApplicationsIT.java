package io.sharedstate.spring;

import io.sharedstate.SharedState;
import io.sharedstate.internal.JvmOptions;
import io.sharedstate.testing.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.loader.tools.Libraries;
import org.springframework.boot.loader.tools.Library;
import org.springframework.boot.loader.tools.LibraryScope;
import org.springframework.boot.loader.tools.Repackager;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Boot applications using the starter in their own JVMs: two of them increment one counter at the same time and
 * lose no increment; and one packaged as Spring Boot's executable jar, with the library's flags in its manifest
 * (as the guide says), runs with {@code java -jar} and no flag on the command line.
 */
class BootApplicationsIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final long INCREMENTS = 200_000;

    @TempDir
    Path dir;

    @Test
    void twoApplicationsInSeparateJvmsIncrementOneCounterExactly() {
        Path store = dir.resolve("store");
        String classpath = System.getProperty("java.class.path");
        try (JavaProcess first = startCounter(classpath, store, 2);
             JavaProcess second = startCounter(classpath, store, 2)) {
            for (JavaProcess application : List.of(first, second)) {
                assertEquals("done " + INCREMENTS, application.awaitLine("done ", TIMEOUT), application::describe);
                application.awaitSuccess(TIMEOUT);
            }
        }
        try (SharedState state = SharedState.open(store)) {
            assertEquals(2 * INCREMENTS, state.longValue("counter", 0).get());
        }
    }

    @Test
    void aBootJarWithTheFlagsInItsManifestRunsWithJavaDashJar() throws Exception {
        Path jar = bootJar();
        Path store = dir.resolve("store");
        Process process = new ProcessBuilder(JavaProcess.javaExecutable(), "-jar", jar.toString(),
                "--sharedstate.directory=" + store, "--counter.increments=1000").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("done 1000"), output);
        try (SharedState state = SharedState.open(store)) {
            assertEquals(1000, state.longValue("counter", 0).get());
        }
    }

    private static JavaProcess startCounter(String classpath, Path store, int parties) {
        return JavaProcess.startWithClasspath(classpath, List.of(), CounterApplication.class,
                "--sharedstate.directory=" + store, "--counter.increments=" + INCREMENTS,
                "--counter.parties=" + parties);
    }

    /** The application's classes in a jar whose manifest names the flags, repackaged as Spring Boot's plugin does. */
    private Path bootJar() throws IOException {
        List<Path> libraries = new ArrayList<>();
        List<Path> classes = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                classes.add(path);
            } else if (entry.endsWith(".jar")) {
                libraries.add(path);
            }
        }
        Path jar = dir.resolve("counter.jar");
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.put(Attributes.Name.MAIN_CLASS, CounterApplication.class.getName());
        attributes.putValue("Add-Opens", modulePackages("--add-opens="));
        attributes.putValue("Add-Exports", modulePackages("--add-exports="));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (Path root : classes) {
                copyTree(root, out);
            }
        }
        Repackager repackager = new Repackager(jar.toFile());
        Libraries dependencies = callback -> {
            for (Path library : libraries) {
                callback.library(new Library(library.toFile(), LibraryScope.RUNTIME));
            }
        };
        repackager.repackage(dependencies);
        return jar;
    }

    /** The manifest form of the library's flags: "java.base/java.lang ...", without "=ALL-UNNAMED". */
    private static String modulePackages(String prefix) {
        return JvmOptions.fromLibrary().stream().filter(flag -> flag.startsWith(prefix))
                .map(flag -> flag.substring(prefix.length(), flag.lastIndexOf('=')))
                .collect(Collectors.joining(" "));
    }

    private static void copyTree(Path root, JarOutputStream out) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(root.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
        }
    }
}
