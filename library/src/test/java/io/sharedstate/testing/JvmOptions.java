package io.sharedstate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Reads the JVM options file the library ships, the one users pass with {@code java @jvm.options}. */
public final class JvmOptions {
    private JvmOptions() {
    }

    public static List<String> fromLibrary() {
        try (InputStream in = JvmOptions.class.getResourceAsStream("/io/sharedstate/jvm.options")) {
            if (in == null) {
                throw new IllegalStateException("io/sharedstate/jvm.options is not on the classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(text.split("\n"))
                    .map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .flatMap(line -> Arrays.stream(line.split("\\s+")))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
