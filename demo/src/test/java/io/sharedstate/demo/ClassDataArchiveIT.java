package io.sharedstate.demo;

import io.sharedstate.internal.JvmOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        Path archive = ClassDataArchive.archiveFor(jar).orElseThrow();
        assertEquals(jar.getParent(), archive.getParent(), "the archive is beside the jar");
        assertTrue(Files.isRegularFile(archive), () -> archive + " exists");

        // -Xshare:on: the JVM fails instead of running without an archive it cannot map.
        List<String> command = new ArrayList<>(List.of(DemoRun.java().toString()));
        command.addAll(JvmOptions.fromLibrary());
        command.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info",
                "-cp", jar.toString(), ArchiveTraining.class.getName(), dir.resolve("worker").toString()));
        Path output = dir.resolve("worker.log");
        Process worker = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        worker.getOutputStream().close();
        if (!worker.waitFor(60, TimeUnit.SECONDS)) {
            worker.destroyForcibly().waitFor();
        }
        String log = Files.readString(output);
        assertEquals(0, worker.exitValue(), () -> "a worker on the archive runs:\n" + log);
        assertTrue(log.contains(WorkerMain.class.getName() + " source: shared objects file (top)"),
                () -> "a worker loads the demo's classes from the archive:\n" + log);
        assertTrue(log.contains("io.sharedstate.SharedState source: shared objects file (top)"),
                () -> "and the library's:\n" + log);
    }
}
