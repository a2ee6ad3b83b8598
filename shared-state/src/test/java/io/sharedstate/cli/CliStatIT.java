package io.sharedstate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** stat --prometheus for node_exporter's textfile collector, and stat --interval refreshing with rates. */
class CliStatIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A sample line of the text exposition format: name, optional labels, a number (or NaN). */
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-z_]+(\\{([a-z_]+=\"[^\"]*\",?)+})? (-?[0-9.]+(E-?[0-9]+)?|NaN)");

    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void createStore() {
        dir = tmp.resolve("store");
        Samples.create(dir);
    }

    @Test
    void prometheusPrintsTheTextFormatWithTheStoreLabelAndChosenKeys() {
        try (JavaProcess holder = JavaProcess.start(Worker.class, "hold-lock", dir, "balance")) {
            holder.awaitLine("ready", Duration.ofSeconds(30));
            Cli.Result stat = Cli.run(tmp, "stat", dir, "--prometheus", "--key", "hits", "--key", "ratio",
                    "--key", "absent").assertOk();
            String store = "store=\"" + dir + "\"";
            List<String> lines = stat.lines();
            for (String line : lines) {
                assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ") || SAMPLE.matcher(line).matches(),
                        () -> "not the text format: \"" + line + "\" in\n" + stat);
            }
            assertTrue(lines.contains("# TYPE sharedstate_keys gauge"), stat::toString);
            assertTrue(lines.contains("sharedstate_keys{" + store + "} 11.0"), stat::toString);
            assertTrue(lines.contains("sharedstate_keys_capacity{" + store + "} 16384.0"), stat::toString);
            assertTrue(lines.contains("sharedstate_processes{state=\"live\"," + store + "} 2.0"), stat::toString);
            assertTrue(lines.contains("sharedstate_locks_held{" + store + "} 1.0"), stat::toString);
            assertTrue(lines.contains("sharedstate_locks_dead_owner{" + store + "} 0.0"), stat::toString);
            assertTrue(lines.contains("# TYPE sharedstate_lock_recoveries_total counter"), stat::toString);
            assertTrue(lines.contains("sharedstate_lock_recoveries_total{" + store + "} 0.0"), stat::toString);
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("sharedstate_journal_size_bytes{" + store
                    + "} ")), stat::toString);
            assertTrue(lines.contains("sharedstate_value{key=\"hits\"," + store + "} 5.0"), stat::toString);
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("sharedstate_value{key=\"ratio\"," + store
                    + "} 0.1")), stat::toString);
            assertTrue(lines.contains("sharedstate_value{key=\"absent\"," + store + "} NaN"), stat::toString);
        }
    }

    @Test
    void prometheusRefusesAnArrayKeyAndOptionsThatDoNotGoTogether() {
        Cli.run(tmp, "stat", dir, "--prometheus", "--key", "temps").assertUserError("--key temps", "array");
        Cli.run(tmp, "stat", dir, "--key", "hits").assertUserError("--key is for --prometheus");
        Cli.run(tmp, "stat", dir, "--prometheus", "--json").assertUserError("give one");
        Cli.run(tmp, "stat", dir, "--prometheus", "--interval", "1").assertUserError("docs/ops.md");
        Cli.run(tmp, "stat", dir, "--interval", "0").assertUserError("--interval must be between");
        Cli.run(tmp, "stat", dir, "--count", "3").assertUserError("--count is for --interval");
    }

    @Test
    void intervalPrintsALinePerIntervalWithRatesFromTheSecondOn() {
        Cli.Result stat = Cli.run(tmp, "stat", dir, "--interval", "0.1", "--count", "3").assertOk();
        List<String> lines = stat.lines();
        assertEquals(4, lines.size(), stat::toString);
        assertTrue(lines.get(0).matches("TIME +KEYS +HEADROOM +DATA FREE +LIVE +DEAD +LOCKS +DEAD-L +JOURNAL +LAG "
                + "+EVENTS/S +LOST/S +RECOV/S"), stat::toString);
        String figures = "[0-9:]{8} +10 +16374 +[0-9.]+ [KMG]iB +1 +0 +0 +0 +[0-9.]+ [KMG]?i?B +[0-9.]+ [KMG]?i?B +";
        assertTrue(lines.get(1).matches(figures + "- +- +-"), stat::toString);
        assertTrue(lines.get(2).matches(figures + "[0-9.]+ +0\\.0 +0\\.0"), stat::toString);
        assertTrue(lines.get(3).matches(figures + "[0-9.]+ +0\\.0 +0\\.0"), stat::toString);
    }

    @Test
    void intervalJsonIsOneObjectPerLineWithRatesPerSecond() throws Exception {
        Cli.Result stat = Cli.run(tmp, "stat", dir, "--interval", "0.1", "--count", "2", "--json").assertOk();
        List<String> lines = stat.lines();
        assertEquals(2, lines.size(), stat::toString);
        JsonNode first = JSON.readTree(lines.get(0));
        JsonNode second = JSON.readTree(lines.get(1));
        assertEquals(10, first.get("keys").asLong());
        assertFalse(first.has("perSecond"), lines.get(0));
        assertEquals(0.0, second.get("perSecond").get("lockRecoveries").asDouble(), lines.get(1));
        assertTrue(second.get("perSecond").has("events"), lines.get(1));
        assertEquals(1, second.get("liveProcesses").asLong(), "stat itself, a reader");
    }

    @Test
    void intervalStopsCleanlyOnSigintBetweenLines() throws Exception {
        try (Cli.Started stat = Cli.startCollected(tmp, List.of(), "stat", dir, "--interval", "3600")) {
            stat.awaitStdout("\n");
            stat.awaitStdout("16374");
            stat.signal("INT");
            assertTrue(stat.process().waitFor(Signals.GRACE_MILLIS + 10_000, TimeUnit.MILLISECONDS),
                    "stat --interval must end on SIGINT, not wait for its next line");
            Cli.Result result = Cli.waitFor(stat);
            assertEquals(0, result.status(), result::toString);
            assertEquals(2, result.lines().size(), result::toString);
            assertEquals("", result.stderr(), result::toString);
        }
        // It closed the store: a writer finds no dead reader to repair.
        Cli.Result after = Cli.run(tmp, "stat", dir, "--json").assertOk();
        assertTrue(after.stdout().contains("\"problems\" : [ ]"), after::toString);
    }

    @Test
    void intervalEndsAtOnceWhenItsReaderGoesAway() throws Exception {
        try (Cli.Started stat = Cli.start(tmp, List.of(), "stat", dir, "--interval", "0.05")) {
            BufferedReader out = new BufferedReader(new InputStreamReader(stat.process().getInputStream(),
                    StandardCharsets.UTF_8));
            assertTrue(out.readLine().startsWith("TIME "), "the header, flushed at once");
            assertTrue(out.readLine().matches("[0-9:]{8} .*"), "the first line, flushed at once");
            out.close();
            assertTrue(stat.process().waitFor(30, TimeUnit.SECONDS), "as with stat --interval 1 | head -3");
            assertEquals(141, stat.process().exitValue());
            assertEquals("", Cli.readAll(stat.process().getErrorStream()));
        }
    }
}
