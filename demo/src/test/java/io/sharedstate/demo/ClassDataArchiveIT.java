package io.sharedstate.demo;

import io.sharedstate.internal.JvmOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker JVMs' class-data archive: made beside the demo jar once, then mapped by every worker. */
class ClassDataArchiveIT {
    @TempDir
    Path dir;

    @Test
    void theArchiveBesideTheJarIsMadeOnceAndWorkersMapIt() throws Exception {
        DemoRun.run(Duration.ofSeconds(90), "watch", "--rounds", 1, "--pause", 10, "--dir", dir.resolve("first"))
                .assertPassed(2);
        DemoRun second = DemoRun.run(Duration.ofSeconds(90), "watch", "--rounds", 1, "--pause", 10, "--dir",
                dir.resolve("second"));
        second.assertPassed(2);
        assertFalse(second.output().contains("once per build"), () -> "the second run trained again:\n" + second);

        Path jar = DemoRun.jar().toAbsolutePath();
        List<Path> archives;
        try (Stream<Path> files = Files.list(jar.getParent())) {
            archives = files.filter(file -> file.getFileName().toString().matches("shared-state-demo-\\w+\\.jsa"))
                    .toList();
        }
        assertEquals(1, archives.size(), () -> "one archive beside " + jar + ": " + archives);

        // -Xshare:on: the JVM fails instead of running without an archive it cannot map.
        List<String> command = new ArrayList<>(List.of(DemoRun.java().toString()));
        command.addAll(JvmOptions.fromLibrary());
        command.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archives.get(0), "-Xlog:class+load=info",
                "-cp", jar.toString(), SeedWorker.class.getName()));
        Process worker = new ProcessBuilder(command).redirectErrorStream(true).start();
        worker.getOutputStream().close();
        String output = new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "the worker exits");
        assertTrue(output.contains(WorkerMain.class.getName() + " source: shared objects file (top)"),
                () -> "a worker loads the demo's classes from the archive:\n" + output);
        assertTrue(output.contains("io.sharedstate.SharedState source: shared objects file (top)"),
                () -> "and the library's:\n" + output);
    }
}
