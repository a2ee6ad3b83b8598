package io.sharedstate.internal;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.sharedstate.SharedStateException;

/**
 * Checks, before any Chronicle class loads, that this JVM was started with the opens and exports of the library's
 * options file. Without them Chronicle fails deep inside, one flag at a time, and can leave a half-made store
 * behind; with this check the user gets one message naming every missing flag and the fix.
 */
public final class RequiredJvmFlags {
    private static final String OPENS = "--add-opens=";
    private static final String EXPORTS = "--add-exports=";
    private static volatile boolean present;

    private RequiredJvmFlags() {
    }

    /**
     * Returns normally if this JVM has every flag the library needs.
     *
     * @throws SharedStateException naming the missing flags and how to pass them
     */
    public static void check() {
        if (present) {
            return;
        }
        List<String> missing = missing(JvmOptions.fromLibrary());
        if (!missing.isEmpty()) {
            throw new SharedStateException(message(missing));
        }
        present = true;
    }

    /** Returns the opens and exports among {@code flags} that this JVM was not given, in their order. */
    static List<String> missing(List<String> flags) {
        return flags.stream().filter(RequiredJvmFlags::isMissing).collect(Collectors.toUnmodifiableList());
    }

    private static boolean isMissing(String flag) {
        boolean opens = flag.startsWith(OPENS);
        if (!opens && !flag.startsWith(EXPORTS)) {
            return false;
        }
        // module/package=target; the library and Chronicle sit in the same unnamed module as this class.
        String[] parts = flag.substring(opens ? OPENS.length() : EXPORTS.length()).split("[/=]");
        Module reader = RequiredJvmFlags.class.getModule();
        Optional<Module> module = ModuleLayer.boot().findModule(parts[0]);
        return module.isEmpty()
                || (opens ? !module.get().isOpen(parts[1], reader) : !module.get().isExported(parts[1], reader));
    }

    private static String message(List<String> missing) {
        return "this JVM lacks " + missing.size() + " of the flags Chronicle needs on Java 17 and later: "
                + String.join(" ", missing) + ". Start it with the library's options file: java @jvm.options ..."
                + " (or JDK_JAVA_OPTIONS=@/path/to/jvm.options); 'java -jar shared-state-<version>.jar > jvm.options'"
                + " writes that file, an executable jar can carry the flags in its manifest's Add-Opens and"
                + " Add-Exports, and docs/guide.md, 'JVM flags', has the lines for Maven, Gradle, Spring Boot and"
                + " Docker";
    }
}
