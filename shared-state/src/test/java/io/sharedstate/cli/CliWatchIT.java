package io.sharedstate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sharedstate.SharedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** watch: live lines, JSON Lines, and a clean end with status 0 on SIGINT and SIGTERM. */
class CliWatchIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    @Test
    void watchPrintsOneLinePerChangeUntilSigint() throws Exception {
        Path dir = tmp.resolve("store");
        Samples.create(dir);
        try (Cli.Started watch = Cli.start(tmp, List.of(), "watch", dir)) {
            Lines out = new Lines(watch.process().getInputStream());
            Lines err = new Lines(watch.process().getErrorStream());
            assertEquals("shared-state: watching " + dir + "; Ctrl-C to stop", err.next(WAIT));
            try (SharedState state = SharedState.open(dir)) {
                state.longValue("hits").addAndGet(3);
                state.doubleArray("temps", 3).set(1, 9.5);
                state.longValue("fresh", 1);
                state.remove("fresh");
            }
            String pid = Long.toString(Samples.pid());
            // Fixed-width pid and operation columns: later widths are unknown in a live stream.
            assertTrue(out.next(WAIT).matches("20\\S+Z {2,}" + pid + "  ADD {13}hits  8 \\(\\+3\\)"), out::all);
            assertTrue(out.next(WAIT).matches("20\\S+Z {2,}" + pid + "  ARRAY_SET {7}temps\\[1]  9\\.5"),
                    out::all);
            assertTrue(out.next(WAIT).matches("20\\S+Z {2,}" + pid + "  CREATE {10}fresh  1"), out::all);
            assertTrue(out.next(WAIT).matches("20\\S+Z {2,}" + pid + "  REMOVE {10}fresh  -"), out::all);
            watch.signal("INT");
            assertTrue(watch.process().waitFor(10, TimeUnit.SECONDS), "watch must end on SIGINT");
            assertEquals(0, watch.process().exitValue(), err::all);
        }
        Cli.assertNoCrashFiles(tmp);
    }

    @Test
    void watchJsonPrintsJsonLinesForThePrefixUntilSigterm() throws Exception {
        Path dir = tmp.resolve("store");
        Samples.create(dir);
        try (Cli.Started watch = Cli.start(tmp, List.of(), "watch", dir, "--json", "--prefix", "te")) {
            Lines out = new Lines(watch.process().getInputStream());
            Lines err = new Lines(watch.process().getErrorStream());
            assertTrue(err.next(WAIT).startsWith("shared-state: watching"));
            try (SharedState state = SharedState.open(dir)) {
                state.longValue("hits").incrementAndGet();
                state.doubleArray("temps", 3).set(new double[] {4, 5, 6});
            }
            JsonNode event = new ObjectMapper().readTree(out.next(WAIT));
            assertEquals("temps", event.get("key").asText(), "hits is filtered out");
            assertEquals("FILL", event.get("op").asText());
            assertEquals("[4.0,5.0,6.0]", event.get("value").toString());
            assertEquals(Samples.pid(), event.get("pid").asLong());
            watch.signal("TERM");
            assertTrue(watch.process().waitFor(10, TimeUnit.SECONDS), "watch must end on SIGTERM");
            assertEquals(0, watch.process().exitValue(), err::all);
            String printed = out.awaitEnd(WAIT);
            assertEquals(1, printed.lines().count(), "nothing but the one event: " + printed);
        }
    }
}
