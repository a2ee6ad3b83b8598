package io.sharedstate.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The cluster module's options file: the JVM flags Apache Ignite (and the local store) need on Java 17 and later.
 * {@code java -jar shared-state-cluster-<version>.jar > jvm.options} writes it; start members with
 * {@code java @jvm.options ...}. Uses nothing but the JDK, so that the jar runs alone.
 */
public final class JvmOptionsFile {
    static final String RESOURCE = "/io/sharedstate/cluster/jvm.options";

    private JvmOptionsFile() {
    }

    /**
     * Prints the options file.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.print(text());
    }

    static String text() {
        try (InputStream in = JvmOptionsFile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the cluster module's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
