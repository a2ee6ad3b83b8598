package io.sharedstate.cli;

import io.sharedstate.store.ChronicleSharedState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code locks DIR [--json]}: the per-key locks held now. */
@Command(name = "locks", sortOptions = false,
        description = {"List the per-key locks held now: key, owner pid, whether the owner is alive, and for how "
                + "long an explicit lock section has held it.",
                "A lock of a dead owner is taken over by the next process that uses the key. Opens the store "
                        + "read-only."})
final class LocksCommand extends StoreCommand {
    @Option(names = "--json", description = "One JSON document: {\"store\":..., \"locks\":[...]}.")
    boolean json;

    @Override
    public Integer call() {
        List<HeldLocks.Held> held;
        String store;
        try (ChronicleSharedState state = Stores.openReadOnly(directory)) {
            store = state.directory().toString();
            held = HeldLocks.scan(state);
        }
        Instant now = Instant.now();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("store", store);
            document.put("locks", held.stream().map(lock -> lock.toJson(now)).collect(Collectors.toList()));
            out.jsonDocument(document);
        } else if (held.isEmpty()) {
            out.println("no locks held");
        } else {
            HeldLocks.print(out, held, now, "");
        }
        out.flush();
        return Signals.requested() ? Signals.interruptedStatus() : ExitCode.OK;
    }
}
