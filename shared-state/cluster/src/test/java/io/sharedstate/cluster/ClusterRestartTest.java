package io.sharedstate.cluster;

import io.sharedstate.KeyInfo;
import io.sharedstate.SharedState;
import io.sharedstate.testing.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** kill -9 of every member, then a start on the same directories: every key comes back, and the journal with it. */
class ClusterRestartTest {
    /** The ports of this class's clusters (see {@link TestClusters}). */
    private static final int LANE = 3;
    private static final Duration RUN = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void everyKeyTypeLengthAndValueIsBackAfterEveryMemberIsKilledAndRestarted() {
        Map<String, String> before;
        try (Members members = new Members(dir, LANE)) {
            JavaProcess filler = members.member(0, 3, "fill");
            JavaProcess second = members.member(1, 3, "serve");
            JavaProcess third = members.member(2, 3, "serve");
            Members.awaitReady(filler, second, third);
            filler.awaitLine("DONE", RUN);
            try (SharedState state = TestClusters.client(LANE, 20).open()) {
                before = snapshot(state);
            }
            assertEquals(31, before.size(), "15 typecodes as values and arrays, and a double array: " + before);
            filler.kill9();
            second.kill9();
            third.kill9();
        }
        try (Members members = new Members(dir, LANE)) {
            Members.awaitReady(members.member(0, 3, "serve"), members.member(1, 3, "serve"),
                    members.member(2, 3, "serve"));
            try (SharedState state = TestClusters.client(LANE, 20).open()) {
                assertEquals(before, snapshot(state));
                Map<String, Object> replayed = state.journal().replay();
                for (String name : state.names()) {
                    Object value = state.info(name).isArray() ? Arrays.asList(state.array(name).toArray())
                            : state.value(name).get();
                    assertEquals(value, replayed.get(name), name + ": the journal replays to the value");
                }
            }
        }
    }

    /** Each key's shape and values, as text. */
    private static Map<String, String> snapshot(SharedState state) {
        Map<String, String> keys = new TreeMap<>();
        for (String name : state.names()) {
            KeyInfo info = state.info(name);
            List<Number> values = info.isArray() ? Arrays.asList(state.array(name).toArray())
                    : List.of(state.value(name).get());
            keys.put(name, info.typecode().code() + (info.isArray() ? "[" + info.length() + "]" : "") + " " + values);
        }
        return keys;
    }
}
