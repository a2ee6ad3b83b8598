package io.sharedstate.cli;

import io.sharedstate.SharedState;
import io.sharedstate.StoreStatistics;
import io.sharedstate.internal.RemoteStoreProvider.Member;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code stat} of a cluster: its members, keys, held locks and journal, from the public
 * {@link SharedState#statistics()} and the cluster module's list of members. A local store's figures on segments,
 * files and processes have no counterpart in a cluster and are not shown.
 */
final class ClusterStat {
    private final Out out;
    private final String name;

    ClusterStat(Out out, String name) {
        this.out = out;
        this.name = name;
    }

    /** Prints the figures as text, or as one JSON document. */
    void print(SharedState state, boolean json) {
        StoreStatistics stats = Signals.critical(state::statistics);
        List<Member> members = ClusterStores.members(name, state);
        if (json) {
            out.jsonDocument(toJson(stats, members, state));
        } else {
            printText(stats, members, state);
        }
        out.flush();
    }

    /** Prints the figures in the Prometheus text format, labelled with the cluster's name as given. */
    void printPrometheus(SharedState state, List<String> keys) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String key : keys) {
            values.put(key, PrometheusText.valueOrNaN(state, key));
        }
        StoreStatistics stats = state.statistics();
        out.print(PrometheusText.of(new StoreStatistics(stats.takenAt(), name, stats.keys(), stats.removedKeys(),
                stats.capacity(), stats.dataBytes(), stats.dataBytesFree(), stats.largestValueBytes(),
                stats.segments(), stats.processes(), stats.locks(), stats.lockRecoveries(), stats.index(),
                stats.journal(), stats.problems()), values));
        out.flush();
    }

    private void printText(StoreStatistics stats, List<Member> members, SharedState state) {
        field("store", name);
        long servers = members.stream().filter(member -> member.role().equals("server")).count();
        field("members", servers + " server" + (servers == 1 ? "" : "s") + ", " + (members.size() - servers)
                + " client" + (members.size() - servers == 1 ? "" : "s"));
        Columns columns = new Columns(out, "  PID", "ROLE", "ADDRESS", "ID");
        for (Member member : members) {
            columns.row("  " + (member.pid() == 0 ? "?" : Long.toString(member.pid())), member.role(),
                    member.address(), member.local() ? "(this command)" : member.id().isEmpty() ? "-" : member.id());
        }
        columns.finish();
        field("keys", Long.toString(stats.keys()));
        field("journal", "about " + StatCommand.bytes(stats.journal().bytesOnDisk()) + " of records; kept "
                + Times.human(state.settings().journalRetention()) + ", up to about "
                + StatCommand.bytes(stats.journal().capBytes()));
        List<HeldLocks.Held> held = held(stats);
        field("locks held", Integer.toString(held.size()));
        if (!held.isEmpty()) {
            HeldLocks.print(out, held, stats.takenAt(), "  ");
        }
        for (String problem : stats.problems()) {
            field("PROBLEM", problem);
        }
    }

    private Map<String, Object> toJson(StoreStatistics stats, List<Member> members, SharedState state) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("store", name);
        json.put("members", members.stream().map(ClusterStat::memberJson).collect(Collectors.toList()));
        json.put("keys", stats.keys());
        Map<String, Object> journal = new LinkedHashMap<>();
        journal.put("bytesEstimate", stats.journal().bytesOnDisk());
        journal.put("capBytes", stats.journal().capBytes());
        journal.put("retention", state.settings().journalRetention().toString());
        json.put("journal", journal);
        json.put("locks", held(stats).stream().map(lock -> lock.toJson(stats.takenAt()))
                .collect(Collectors.toList()));
        json.put("problems", stats.problems());
        return json;
    }

    private static Map<String, Object> memberJson(Member member) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pid", member.pid());
        json.put("role", member.role());
        json.put("address", member.address());
        json.put("id", member.id().isEmpty() ? null : member.id());
        json.put("thisCommand", member.local());
        return json;
    }

    /** The cluster's locks as the CLI shows them: a lock's start is when the figures were read, less its age. */
    private static List<HeldLocks.Held> held(StoreStatistics stats) {
        return stats.locks().stream()
                .map(lock -> new HeldLocks.Held(lock.key(), lock.ownerPid(), lock.ownerAlive(),
                        stats.takenAt().minus(lock.heldFor())))
                .sorted(Comparator.comparing(HeldLocks.Held::key))
                .collect(Collectors.toList());
    }

    private void field(String label, String value) {
        StringBuilder line = new StringBuilder(label);
        while (line.length() < StatCommand.LABEL_WIDTH) {
            line.append(' ');
        }
        out.println(line.append(value).toString());
    }
}
