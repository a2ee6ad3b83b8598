package io.sharedstate.demo;

import io.sharedstate.internal.JvmOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM: {@code java <the library's jvm.options> <tuning> -cp <this jar> <worker> args},
 * or the cluster module's options file for cluster members and clients. The classpath is the jar (or classes
 * directory) the launcher itself was loaded from, found through its {@link CodeSource}.
 */
final class ChildJvm {
    /** Options of workers that live a second or less: C1 only, which starts faster and burns less CPU. */
    static final List<String> SHORT_LIVED = List.of("-XX:TieredStopAtLevel=1");
    /** Options of workers that run hot loops for seconds: the full JIT. */
    static final List<String> LONG_LIVED = List.of();

    /** The options file in the cluster module's jar: Ignite's opens and properties as well as the library's flags. */
    static final String CLUSTER_OPTIONS = "/io/sharedstate/cluster/jvm.options";

    /** Options of every child: a small heap and one GC thread, since a demo may start ten JVMs on two cores. */
    private static final List<String> COMMON = List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx128m", "-Xss1m",
            "-XX:+PerfDisableSharedMem");

    private ChildJvm() {
    }

    /**
     * Returns the command that runs {@code worker}'s {@code main} with {@code args} in a new JVM, mapping the
     * workers' class-data archive when there is one.
     */
    static List<String> command(Class<?> worker, List<String> tuning, List<String> args) {
        return build(worker, JvmOptions.fromLibrary(), archived(tuning), args);
    }

    /**
     * Returns the command that runs {@code worker} as {@link #command} does, with the cluster module's options file
     * instead of the library's, as every JVM that joins a cluster needs.
     */
    static List<String> clusterCommand(Class<?> worker, List<String> tuning, List<String> args) {
        return build(worker, clusterOptions(), archived(tuning), args);
    }

    /** Returns the command that runs {@code worker} as {@link #command} does, without the class-data archive. */
    static List<String> unarchivedCommand(Class<?> worker, List<String> tuning, List<String> args) {
        return build(worker, JvmOptions.fromLibrary(), tuning, args);
    }

    /** Returns the flags of the cluster module's options file, which the cluster jar carries on the classpath. */
    static List<String> clusterOptions() {
        try (InputStream in = ChildJvm.class.getResourceAsStream(CLUSTER_OPTIONS)) {
            if (in == null) {
                throw new IllegalStateException(CLUSTER_OPTIONS + " is not on the classpath: is the "
                        + "shared-state-cluster jar?");
            }
            return JvmOptions.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CLUSTER_OPTIONS, e);
        }
    }

    private static List<String> archived(List<String> tuning) {
        List<String> options = new ArrayList<>(ClassDataArchive.options());
        options.addAll(tuning);
        return options;
    }

    private static List<String> build(Class<?> worker, List<String> flags, List<String> tuning, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(flags);
        command.addAll(COMMON);
        command.addAll(tuning);
        command.add("-cp");
        command.add(classpath());
        command.add(worker.getName());
        command.addAll(args);
        return command;
    }

    /** Returns the {@code java} of the running JVM. */
    static Path javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java : Path.of("java");
    }

    /** Returns the jar or directory this class was loaded from, else the launcher's own classpath. */
    static String classpath() {
        CodeSource source = ChildJvm.class.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
            try {
                Path location = Path.of(source.getLocation().toURI());
                if (Files.isRegularFile(location)) {
                    return location.toString();
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a file: fall back to the classpath
            }
        }
        return System.getProperty("java.class.path");
    }
}
