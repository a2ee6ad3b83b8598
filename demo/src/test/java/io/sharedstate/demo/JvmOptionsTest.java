package io.sharedstate.demo;

import io.sharedstate.internal.JvmOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmOptionsTest {
    @Test
    void commentsAndBlankLinesAreSkippedAndFlagsSplitOnBlanks() {
        String text = "# the flags\n\n--add-opens=java.base/java.lang=ALL-UNNAMED  -Dx=1\n  # indented comment\n-Dy=2\n";

        assertEquals(List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "-Dx=1", "-Dy=2"), JvmOptions.parse(text));
    }

    @Test
    void theLibrarysOptionsFileGivesTheChronicleFlagsToChildJvms() {
        List<String> options = JvmOptions.fromLibrary();

        assertTrue(options.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), options::toString);
        assertTrue(options.contains("--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED"), options::toString);
        assertTrue(options.contains("-Dchronicle.analytics.disable=true"), options::toString);
        assertTrue(options.stream().noneMatch(option -> option.contains("${")), "filtered: " + options);
    }

    @Test
    void aChildJvmRunsTheWorkerWithTheLibrarysOptions() {
        List<String> command = ChildJvm.command(SeedWorker.class, ChildJvm.SHORT_LIVED, List.of("/tmp/x", "increment"));

        assertTrue(command.get(0).endsWith("java"), command::toString);
        assertTrue(command.containsAll(JvmOptions.fromLibrary()), command::toString);
        assertEquals(List.of(SeedWorker.class.getName(), "/tmp/x", "increment"),
                command.subList(command.size() - 3, command.size()));
        assertEquals("-cp", command.get(command.size() - 5));
    }

    @Test
    void aClusterChildJvmRunsWithTheClusterModulesOptionsFile() {
        List<String> command = ChildJvm.clusterCommand(ClusterWorker.class, List.of(), List.of("client", "writer"));

        assertTrue(command.containsAll(ChildJvm.clusterOptions()), command::toString);
        assertTrue(command.contains("--add-opens=java.base/java.nio=ALL-UNNAMED"), "an Ignite flag: " + command);
        assertTrue(command.contains("-DIGNITE_UPDATE_NOTIFIER=false"), command::toString);
        assertTrue(command.containsAll(JvmOptions.fromLibrary()), "the library's flags too: " + command);
        assertEquals(List.of(ClusterWorker.class.getName(), "client", "writer"),
                command.subList(command.size() - 3, command.size()));
    }
}
