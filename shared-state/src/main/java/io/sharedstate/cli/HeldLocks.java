package io.sharedstate.cli;

import io.sharedstate.KeyInfo;
import io.sharedstate.store.ChronicleSharedState;
import io.sharedstate.store.KeySnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The per-key locks held at one moment, found by scanning every key without taking any of them. */
final class HeldLocks {
    /**
     * One held lock.
     *
     * @param since when an explicit lock section began; null for a lock taken for one operation
     */
    record Held(String key, int ownerPid, boolean ownerAlive, Instant since) {
        String heldFor(Instant now) {
            return since == null ? "-" : Times.human(Duration.between(since, now));
        }

        Map<String, Object> toJson(Instant now) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("key", key);
            json.put("ownerPid", ownerPid);
            json.put("ownerAlive", ownerAlive);
            json.put("lockedSince", since == null ? null : since.toString());
            json.put("heldForMillis", since == null ? null : Duration.between(since, now).toMillis());
            return json;
        }
    }

    private HeldLocks() {
    }

    /** Returns the store's figures on held locks as the CLI shows them, sorted by key. */
    static List<Held> of(List<io.sharedstate.store.StoreStats.HeldLock> locks) {
        List<Held> held = new ArrayList<>();
        for (io.sharedstate.store.StoreStats.HeldLock lock : locks) {
            held.add(new Held(lock.key(), lock.ownerPid(), lock.ownerAlive(), lock.since()));
        }
        held.sort(Comparator.comparing(Held::key));
        return held;
    }

    /** Returns the held locks, sorted by key. */
    static List<Held> scan(ChronicleSharedState state) {
        List<Held> held = new ArrayList<>();
        SegmentScan.run(state, "", KeyPattern.of(null), 0, batch -> batch.forEach(key -> add(key, held)));
        held.sort(Comparator.comparing(Held::key));
        return held;
    }

    private static void add(KeySnapshot key, List<Held> held) {
        KeyInfo info = key.info();
        if (info != null && info.lockOwnerPid() != 0) {
            held.add(new Held(info.name(), info.lockOwnerPid(), key.lockOwnerAlive(), info.lockedSince().orElse(null)));
        }
    }

    static void print(Out out, List<Held> held, Instant now, String indent) {
        Columns columns = new Columns(out, indent + "KEY", ">OWNER PID", "OWNER ALIVE", ">HELD FOR", "SINCE");
        for (Held lock : held) {
            columns.row(indent + lock.key(), Integer.toString(lock.ownerPid()),
                    lock.ownerAlive() ? "yes" : "no (the next writer takes it over)", lock.heldFor(now),
                    lock.since() == null ? "- (one operation)" : new Times.Stamp().format(lock.since()));
        }
        columns.finish();
    }
}
