package io.sharedstate.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JVM options every process using shared-state needs, read from the options file the library ships
 * ({@code io/sharedstate/jvm.options}: flags separated by blanks, {@code #} comments), so that the demo's child
 * JVMs, and the tests', are started exactly as users are told to start theirs.
 */
public final class JvmOptions {
    /** The options file's classpath resource. */
    public static final String RESOURCE = "/io/sharedstate/jvm.options";

    private JvmOptions() {
    }

    /**
     * Prints the library's options file, so that {@code java -jar shared-state-<version>.jar > jvm.options} writes
     * it where a JVM's {@code @jvm.options} can read it.
     */
    public static void main(String[] args) {
        System.out.print(text());
    }

    /** Returns the flags of the library's options file. */
    public static List<String> fromLibrary() {
        return parse(text());
    }

    private static String text() {
        try (InputStream in = JvmOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: is the shared-state jar?");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Returns the flags of an options file's text. */
    public static List<String> parse(String text) {
        return text.lines()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .flatMap(line -> Arrays.stream(line.split("\\s+")))
                .collect(Collectors.toUnmodifiableList());
    }
}
