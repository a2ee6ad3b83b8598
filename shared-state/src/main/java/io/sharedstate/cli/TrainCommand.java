package io.sharedstate.cli;

import io.sharedstate.SharedState;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code cds-training}, hidden: runs the commands on a scratch store so that the JVM loads the classes real runs
 * load. The launcher runs it once under {@code -XX:ArchiveClassesAtExit} to build the class-data-sharing archive
 * that makes later starts faster. Its output is of no interest.
 */
@Command(name = "cds-training", hidden = true,
        description = "Exercise the commands on a scratch store (the launcher's class-data-sharing training run).")
final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("shared-state-cds-training");
        try {
            try (SharedState state = SharedState.builder(dir).capacity(1024).open()) {
                state.longValue("hits", 1);
                state.doubleArray("temps", 0.0, 1.0, 2.0);
                state.value("letter", 'u', 65L);
                state.value("flag", '?', 1L);
            }
            String d = dir.toString();
            String[][] runs = {
                {"get", d, "hits"}, {"get", d, "temps", "--json"}, {"set", d, "hits", "5"},
                {"set", d, "temps", "1", "2", "3"}, {"incr", d, "hits"}, {"incr", d, "temps", "-i", "1", "0.5"},
                {"dump", d}, {"dump", d, "--json"}, {"stat", d}, {"stat", d, "--json"}, {"locks", d},
                {"journal", d}, {"journal", d, "--json", "--since", "1h"}, {"verify", d}, {"rm", d, "flag"},
                {"get", d, "missing"}, {"set", d, "hits", "x"}, {"recover", d},
            };
            for (String[] run : runs) {
                Main.commandLine().execute(run);
            }
            return ExitCode.OK;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
