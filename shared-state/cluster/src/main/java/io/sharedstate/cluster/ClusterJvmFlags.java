package io.sharedstate.cluster;

import io.sharedstate.SharedStateException;
import io.sharedstate.internal.JvmOptions;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks, before Ignite starts, that this JVM has the opens Ignite needs on Java 17 (the module's options file
 * lists them), so that a user gets one message naming every missing flag instead of Ignite's failures one at a
 * time. Flags of modules this runtime lacks (a trimmed JRE) are not required.
 */
final class ClusterJvmFlags {
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

    static List<String> fromModule() {
        return JvmOptions.parse(JvmOptionsFile.text());
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
