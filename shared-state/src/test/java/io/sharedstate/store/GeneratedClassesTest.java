package io.sharedstate.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chronicle generates and compiles {@code VanillaGlobalMutableState$$Native} with javac when a map opens, about
 * half a second per process, unless the class is on the classpath. We ship it, compiled from
 * src/generated/java. This test fails when a Chronicle upgrade changes what Chronicle would generate: then
 * regenerate the file with the source this test prints into target/.
 */
class GeneratedClassesTest {
    @TempDir
    Path dir;

    @Test
    void theShippedGeneratedClassIsWhatChronicleGeneratesToday() throws Exception {
        Class<?> type = Class.forName("net.openhft.chronicle.hash.VanillaGlobalMutableState");
        Class<?> models = Class.forName("net.openhft.chronicle.values.ValueModel");
        Object model = models.getMethod("acquire", Class.class).invoke(null, type);
        Method generate = Class.forName("net.openhft.chronicle.values.Generators")
                .getDeclaredMethod("generateNativeClass", models, String.class);
        generate.setAccessible(true);
        String generated = (String) generate.invoke(null, model, type.getSimpleName() + "$$Native");
        Path shipped = Path.of("src/generated/java/net/openhft/chronicle/hash/VanillaGlobalMutableState$$Native.java");
        Files.writeString(Path.of("target/VanillaGlobalMutableState$$Native.java.expected"), generated);
        assertEquals(generated.strip(), Files.readString(shipped).strip(),
                "Chronicle now generates a different class: copy target/VanillaGlobalMutableState$$Native.java.expected"
                        + " over " + shipped);
    }

    @Test
    void openingAStoreInAFreshJvmCompilesNothingAtRunTime() throws IOException {
        Path log = dir.resolve("classes.log");
        // The build's own classpath, without the tests' class-data archive: classes mapped from an archive do not
        // say where they were first loaded from.
        try (JavaProcess child = JavaProcess.startWithClasspath(System.getProperty("java.class.path"),
                List.of("-Xlog:class+load:file=" + log), Worker.class, "open", dir.resolve("store"))) {
            assertTrue(child.nextLine(Duration.ofSeconds(60)).startsWith("opened"));
            child.awaitSuccess(Duration.ofSeconds(60));
        }
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.stream().anyMatch(line -> line.contains("VanillaGlobalMutableState$$Native source: file:")),
                "the shipped class is loaded from the classpath");
        // Chronicle's CompilerUtils creates a javac instance when it loads (a few classes); compiling would load
        // javac's attribution and code generation phases as well.
        assertTrue(lines.stream().noneMatch(line -> line.contains("com.sun.tools.javac.comp.")),
                "javac compiled something: a Chronicle class was generated at run time");
    }
}
