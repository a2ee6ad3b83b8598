package io.sharedstate.cluster;

import io.sharedstate.SharedStateException;
import io.sharedstate.internal.JvmOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The JVM flags the cluster module needs. Its {@link #main} prints the module's options file, for
 * {@code java -jar shared-state-cluster-<version>.jar > jvm.options}; {@code open()} checks, before Ignite starts, that this JVM has the opens Ignite needs on Java 17 (the module's options file
 * lists them), so that a user gets one message naming every missing flag instead of Ignite's failures one at a
 * time. Flags of modules this runtime lacks (a trimmed JRE) are not required.
 */
public final class ClusterJvmFlags {
    static final String RESOURCE = "/io/sharedstate/cluster/jvm.options";
    private static final String OPENS = "--add-opens=";
    private static final String EXPORTS = "--add-exports=";

    private ClusterJvmFlags() {
    }

    static void check() {
        List<String> missing = fromModule().stream().filter(ClusterJvmFlags::isMissing).collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new SharedStateException("this JVM lacks " + missing.size() + " of the flags Apache Ignite needs on"
                    + " Java 17 and later: " + String.join(" ", missing) + ". Start it with the cluster module's options"
                    + " file: java @jvm.options ... (or JDK_JAVA_OPTIONS=@/path/to/jvm.options);"
                    + " 'java -jar shared-state-cluster-<version>.jar > jvm.options' writes that file, and"
                    + " docs/cluster.md, 'JVM flags', says more");
        }
    }

    /**
     * Prints the module's options file, for {@code java -jar shared-state-cluster-<version>.jar > jvm.options}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.print(text());
    }

    static List<String> fromModule() {
        return JvmOptions.parse(text());
    }

    private static String text() {
        try (InputStream in = ClusterJvmFlags.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the cluster module's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isMissing(String flag) {
        boolean opens = flag.startsWith(OPENS);
        if (!opens && !flag.startsWith(EXPORTS)) {
            return false;
        }
        String[] parts = flag.substring(opens ? OPENS.length() : EXPORTS.length()).split("[/=]");
        Optional<Module> module = ModuleLayer.boot().findModule(parts[0]);
        if (module.isEmpty()) {
            return false;
        }
        Module reader = ClusterJvmFlags.class.getModule();
        return opens ? !module.get().isOpen(parts[1], reader) : !module.get().isExported(parts[1], reader);
    }
}
