package io.sharedstate.testing;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java runtime as service images have it: made with jlink from this JDK's modules, {@code java.se} and
 * {@code jdk.unsupported} only, so without {@code jdk.compiler} (as in eclipse-temurin's {@code -jre} images), and
 * with the base class-data archive those have. Made once per build, in {@code target/}.
 */
public final class JreImage {
    private static final Path IMAGE = Path.of("target", "jre-without-compiler").toAbsolutePath();

    private JreImage() {
    }

    /** Returns the image's {@code java} launcher, making the image first if the build has none yet. */
    public static synchronized Path java() {
        Path java = IMAGE.resolve("bin").resolve("java");
        if (!Files.isExecutable(java)) {
            make();
        }
        return java;
    }

    /** Returns the modules the image has, as {@code java --list-modules} prints them. */
    public static List<String> modules() {
        try {
            Process list = new ProcessBuilder(java().toString(), "--list-modules").redirectErrorStream(true).start();
            String out = new String(list.getInputStream().readAllBytes());
            if (!list.waitFor(60, TimeUnit.SECONDS) || list.exitValue() != 0) {
                throw new IllegalStateException("java --list-modules failed: " + out);
            }
            return out.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void make() {
        Path jdk = Path.of(System.getProperty("java.home"));
        Path jlink = jdk.resolve("bin").resolve("jlink");
        if (!Files.isDirectory(jdk.resolve("jmods"))) {
            throw new IllegalStateException(jdk + " has no jmods/ folder, which jlink needs to make the test's JRE:"
                    + " run the build on a full JDK (on Debian or Ubuntu, the openjdk-17-jdk package)");
        }
        try {
            Path partial = IMAGE.resolveSibling(IMAGE.getFileName() + ".partial");
            deleteTree(partial);
            Process process = new ProcessBuilder(jlink.toString(), "--add-modules", "java.se,jdk.unsupported",
                    "--strip-debug", "--no-header-files", "--no-man-pages", "--generate-cds-archive", "--output",
                    partial.toString())
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("jlink failed: " + out);
            }
            deleteTree(IMAGE);
            Files.move(partial, IMAGE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            MoreFiles.deleteRecursively(root, RecursiveDeleteOption.ALLOW_INSECURE);
        }
    }
}
