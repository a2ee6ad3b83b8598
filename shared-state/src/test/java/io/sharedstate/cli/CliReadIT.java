package io.sharedstate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sharedstate.SharedState;
import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** dump, get, stat, locks and journal on a sample store: what they print, and that they change nothing. */
class CliReadIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void createStore() {
        dir = tmp.resolve("store");
        Samples.create(dir);
    }

    @Test
    void dumpPrintsAlignedColumnsWithTypeLengthValueJournalCreationAndWriter() {
        Cli.Result dump = Cli.run(tmp, "dump", dir).assertOk();
        List<String> lines = dump.lines();
        assertEquals(Samples.KEYS + 1, lines.size(), dump::toString);
        String header = lines.get(0);
        assertTrue(header.matches("KEY +TYPE +LEN +JOURNAL +CREATED +WRITER +VALUE"), header);
        int valueColumn = header.indexOf("VALUE");
        Map<String, String> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.put(line.substring(0, line.indexOf(' ')), line);
            assertTrue(line.length() > valueColumn && line.charAt(valueColumn - 1) == ' '
                    && line.charAt(valueColumn) != ' ', () -> "value column aligned: " + dump);
        }
        String pid = Long.toString(Samples.pid());
        assertRow(rows.get("hits"), "q int64", "-", "on", pid, "5");
        assertRow(rows.get("temps"), "d float64", "3", "on", pid, "[0.0, 1.5, -2.25]");
        assertRow(rows.get("big"), "Q uint64", "-", "on", pid, "18446744073709551615");
        assertRow(rows.get("flag"), "? bool", "-", "on", pid, "true");
        assertRow(rows.get("letter"), "c char", "-", "on", pid, "a");
        assertRow(rows.get("wide"), "u wchar", "-", "on", pid, "é");
        assertRow(rows.get("ratio"), "f float32", "-", "on", pid, "0.1");
        assertRow(rows.get("hot"), "q int64", "-", "off", pid, "7");
        assertRow(rows.get("bytes"), "B uint8", "3", "on", pid, "[1, 2, 255]");
    }

    private static void assertRow(String row, String type, String length, String journal, String pid, String value) {
        String[] cells = row.trim().split(" {2,}");
        assertEquals(7, cells.length, row);
        assertEquals(List.of(type, length, journal, pid, value),
                List.of(cells[1], cells[2], cells[3], cells[5], cells[6]), row);
        Instant created = Instant.parse(cells[4]);
        assertTrue(Duration.between(created, Instant.now()).abs().toMinutes() < 10, row);
    }

    @Test
    void dumpJsonIsOneDocumentWithNumbersBooleansAndLists() throws IOException {
        Cli.Result dump = Cli.run(tmp, "dump", dir, "--json").assertOk();
        JsonNode document = JSON.readTree(dump.stdout());
        assertEquals(Samples.KEYS, document.get("count").asInt());
        assertTrue(document.get("complete").asBoolean());
        Map<String, JsonNode> keys = byName(document.get("keys"));
        assertEquals(Samples.KEYS, keys.size());
        JsonNode hits = keys.get("hits");
        assertEquals("q", hits.get("typecode").asText());
        assertEquals("int64", hits.get("type").asText());
        assertFalse(hits.get("array").asBoolean());
        assertEquals(1, hits.get("length").asInt());
        assertTrue(hits.get("value").isIntegralNumber());
        assertEquals(5, hits.get("value").asLong());
        assertEquals("on", hits.get("journal").asText());
        assertEquals(Samples.pid(), hits.get("lastWriterPid").asLong());
        Instant.parse(hits.get("created").asText());
        assertEquals(Samples.MAX_UINT64, keys.get("big").get("value").bigIntegerValue());
        assertTrue(keys.get("flag").get("value").isBoolean());
        assertTrue(keys.get("flag").get("value").asBoolean());
        assertEquals(97, keys.get("letter").get("value").asInt());
        assertEquals("a", keys.get("letter").get("text").asText());
        assertEquals(233, keys.get("wide").get("value").asInt());
        assertEquals("é", keys.get("wide").get("text").asText());
        assertEquals(0.1, keys.get("ratio").get("value").asDouble(), 0.0);
        assertEquals("off", keys.get("hot").get("journal").asText());
        JsonNode temps = keys.get("temps");
        assertTrue(temps.get("array").asBoolean());
        assertEquals(3, temps.get("length").asInt());
        assertEquals(List.of(0.0, 1.5, -2.25), doubles(temps.get("value")));
        assertEquals("[1,2,255]", keys.get("bytes").get("value").toString());
    }

    @Test
    void dumpPrefixSelectsKeys() throws IOException {
        Cli.Result text = Cli.run(tmp, "dump", dir, "--prefix", "h").assertOk();
        assertEquals(List.of("hits", "hot"), text.lines().subList(1, text.lines().size()).stream()
                .map(line -> line.substring(0, line.indexOf(' '))).sorted().collect(Collectors.toList()));
        JsonNode json = JSON.readTree(Cli.run(tmp, "dump", dir, "--json", "--prefix", "te").assertOk().stdout());
        assertEquals(1, json.get("count").asInt());
        assertEquals("temps", json.get("keys").get(0).get("key").asText());
        assertEquals("", Cli.run(tmp, "dump", dir, "--prefix", "zzz").assertOk().stdout(), "no rows, no header");
    }

    @Test
    void getPrintsTheValueInTheFormSetReadsBack() throws IOException {
        assertEquals("5\n", Cli.run(tmp, "get", dir, "hits").assertOk().stdout());
        assertEquals("0.0 1.5 -2.25\n", Cli.run(tmp, "get", dir, "temps").assertOk().stdout());
        assertEquals("1.5\n", Cli.run(tmp, "get", dir, "temps", "--index", "1").assertOk().stdout());
        assertEquals("18446744073709551615\n", Cli.run(tmp, "get", dir, "big").assertOk().stdout());
        assertEquals("true\n", Cli.run(tmp, "get", dir, "flag").assertOk().stdout());
        assertEquals("é\n", Cli.run(tmp, "get", dir, "wide").assertOk().stdout());
        JsonNode temps = JSON.readTree(Cli.run(tmp, "get", dir, "temps", "--json").assertOk().stdout());
        assertEquals(List.of(0.0, 1.5, -2.25), doubles(temps.get("value")));
        assertEquals("d", temps.get("typecode").asText());
    }

    @Test
    void statShowsKeysCapacityFilesJournalProcessesAndLocks() throws IOException {
        try (JavaProcess holder = JavaProcess.start(Worker.class, "hold-lock", dir, "balance")) {
            holder.awaitLine("ready", Duration.ofSeconds(30));
            Cli.Result stat = Cli.run(tmp, "stat", dir).assertOk();
            String text = stat.stdout();
            assertTrue(text.contains("keys              11 (0 removed, not yet reclaimed)"), stat::toString);
            assertTrue(text.contains("capacity          16384 keys; room for 16373 more"), stat::toString);
            assertTrue(text.matches("(?s).*files +values\\.cm3 [0-9.]+ MiB \\([0-9.]+ [KM]iB on disk\\), "
                    + "shared-state\\.meta 36\\.0 KiB.*"), stat::toString);
            assertTrue(text.matches("(?s).*journal +[0-9.]+ [KM]iB on disk of a 1\\.0 GiB cap; events #[0-9]+ \\(.*\\) to #[0-9]+.*"),
                    stat::toString);
            // the holder, and stat itself: readers register too, so that their death is noticed
            assertTrue(text.contains("processes         2 registered: 2 live, 0 dead"), stat::toString);
            assertTrue(text.matches("(?s).*\n +" + holder.pid() + " +live .*"), stat::toString);
            assertTrue(text.contains("locks held        1"), stat::toString);
            assertTrue(text.matches("(?s).*\n  balance +" + holder.pid() + " +yes +[0-9.]+m?s .*"), stat::toString);
            assertTrue(text.contains("lock recoveries   0"), stat::toString);

            JsonNode json = JSON.readTree(Cli.run(tmp, "stat", dir, "--json").assertOk().stdout());
            assertEquals(11, json.get("keys").asLong());
            assertEquals(16384, json.get("capacity").asLong());
            assertEquals(16373, json.get("headroom").asLong());
            JsonNode holderProcess = null;
            for (JsonNode process : json.get("processes")) {
                if (process.get("pid").asLong() == holder.pid()) {
                    holderProcess = process;
                }
            }
            assertNotNull(holderProcess, json::toString);
            assertTrue(holderProcess.get("alive").asBoolean());
            assertTrue(holderProcess.get("role").asText().startsWith("writer"), holderProcess::toString);
            assertEquals("balance", json.get("locks").get(0).get("key").asText());
            assertTrue(json.get("files").get("values.cm3").get("bytes").asLong() > 0);
            assertTrue(json.get("journal").get("lastSequence").asLong() >= json.get("journal").get("firstSequence")
                    .asLong());
        }
    }

    @Test
    void locksShowsTheOwnerAndWhetherItIsAlive() throws IOException {
        assertEquals("no locks held\n", Cli.run(tmp, "locks", dir).assertOk().stdout());
        try (JavaProcess holder = JavaProcess.start(Worker.class, "hold-lock", dir, "balance")) {
            holder.awaitLine("ready", Duration.ofSeconds(30));
            Cli.Result live = Cli.run(tmp, "locks", dir).assertOk();
            assertTrue(live.stdout().matches("KEY +OWNER PID +OWNER ALIVE +HELD FOR +SINCE\nbalance +" + holder.pid()
                    + " +yes +[0-9.]+m?s +20[0-9-]+T[0-9:.]+Z\n"), live::toString);
            holder.kill9();
            JsonNode dead = JSON.readTree(Cli.run(tmp, "locks", dir, "--json").assertOk().stdout());
            JsonNode lock = dead.get("locks").get(0);
            assertEquals("balance", lock.get("key").asText());
            assertEquals(holder.pid(), lock.get("ownerPid").asLong());
            assertFalse(lock.get("ownerAlive").asBoolean());
            assertTrue(lock.get("heldForMillis").asLong() >= 0);
            assertTrue(Cli.run(tmp, "stat", dir).assertOk().stdout()
                    .contains("processes         2 registered: 1 live, 1 dead"));
        }
    }

    @Test
    void journalPrintsPastEventsFilteredByKeyAndTime() throws IOException, InterruptedException {
        Instant between;
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("hits").addAndGet(10);
            Thread.sleep(20);
            between = Instant.now();
            Thread.sleep(20);
            state.longValue("hits").set(42);
        }
        Cli.Result hits = Cli.run(tmp, "journal", dir, "--key", "hits").assertOk();
        List<String> lines = hits.lines();
        assertEquals(4, lines.size(), hits::toString);
        assertTrue(lines.get(0).matches("TIME +PID +OP +KEY +VALUE"), hits::toString);
        assertTrue(lines.get(1).matches("20\\S+Z +" + Samples.pid() + " +CREATE +hits +5"), hits::toString);
        assertTrue(lines.get(2).matches("20\\S+Z +" + Samples.pid() + " +ADD +hits +15 \\(\\+10\\)"), hits::toString);
        assertTrue(lines.get(3).matches("20\\S+Z +" + Samples.pid() + " +SET +hits +42"), hits::toString);

        JsonNode since = JSON.readTree(Cli.run(tmp, "journal", dir, "--json", "--since", between).assertOk().stdout());
        assertEquals(1, since.get("count").asInt(), since::toString);
        JsonNode event = since.get("events").get(0);
        assertEquals("SET", event.get("op").asText());
        assertEquals(42, event.get("value").asLong());
        assertEquals(Samples.pid(), event.get("pid").asLong());

        JsonNode until = JSON.readTree(Cli.run(tmp, "journal", dir, "--json", "--until", between, "--key", "hits")
                .assertOk().stdout());
        assertEquals(2, until.get("count").asInt(), until::toString);
        JsonNode recent = JSON.readTree(Cli.run(tmp, "journal", dir, "--json", "--since", "10m").assertOk().stdout());
        assertEquals(Samples.KEYS - 1 + 2, recent.get("count").asInt(), "every journaled event: " + recent);
        JsonNode temps = JSON.readTree(Cli.run(tmp, "journal", dir, "--json", "--prefix", "te").assertOk().stdout());
        assertEquals("[0.0,1.5,-2.25]", temps.get("events").get(0).get("value").toString());
        assertEquals(0, JSON.readTree(Cli.run(tmp, "journal", dir, "--json", "--until", "1h").assertOk().stdout())
                .get("count").asInt());
    }

    @Test
    void readOnlyCommandsLeaveTheStoreByteForByteUnchanged() {
        Map<String, String> before = Cli.fingerprint(dir);
        assertTrue(before.containsKey("values.cm3") && before.containsKey("shared-state.meta"), before::toString);
        for (Object[] command : new Object[][] {{"dump", dir}, {"dump", dir, "--json"}, {"stat", dir},
                {"stat", dir, "--json"}, {"locks", dir}, {"journal", dir}, {"verify", dir}, {"get", dir, "temps"}}) {
            Cli.run(tmp, command).assertOk();
        }
        assertEquals(before, Cli.fingerprint(dir));
    }

    private static Map<String, JsonNode> byName(JsonNode keys) {
        Map<String, JsonNode> byName = new HashMap<>();
        keys.forEach(key -> byName.put(key.get("key").asText(), key));
        return byName;
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> values = new java.util.ArrayList<>();
        array.forEach(value -> values.add(value.asDouble()));
        return values;
    }
}
