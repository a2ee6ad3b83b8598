package io.sharedstate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sharedstate.ChangeEvent;
import io.sharedstate.SharedState;
import io.sharedstate.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code watch DIR [--prefix P] [--json]}: follows the journal from now on, one line per change, flushed at once,
 * until SIGINT or SIGTERM, which end it with status 0.
 */
@Command(name = "watch", sortOptions = false,
        description = {"Follow the journal live, one line per change (time, pid, operation, key, value), until "
                + "interrupted (Ctrl-C or SIGTERM: exit status 0).",
                "Opens the store read-only; says on stderr when it is watching.", ClusterOptions.HELP})
final class WatchCommand extends StoreCommand {
    @Option(names = "--prefix", paramLabel = "P", defaultValue = "", description = "Only keys starting with P "
            + "(taken literally; see --match for patterns).")
    String prefix;

    @Option(names = "--match", paramLabel = "GLOB", description = "Only keys matching GLOB, as in dump --match.")
    String match;

    @Option(names = "--json", description = "JSON Lines: one JSON object per event and line, as in journal "
            + "--json.")
    boolean json;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Signals.forcedExitStatus(ExitCode.OK);
        Signals.onSignal(stop::countDown);
        EventFormat format = new EventFormat();
        JsonGenerator generator = json ? out.json() : null;
        boolean[] outputClosed = new boolean[1];
        KeyPattern pattern = KeyPattern.of(match);
        if (KeyPattern.looksLikeGlob(prefix)) {
            Main.warn("--prefix \"" + prefix + "\" is taken literally; for a pattern, use --match '" + prefix + "'");
        }
        java.util.function.Consumer<ChangeEvent> printer = event -> {
            if (stop.getCount() == 0 || !pattern.matches(event.key())) {
                return;
            }
            try {
                print(format, generator, event);
            } catch (OutputClosedException e) {
                outputClosed[0] = true;
                stop.countDown();
            }
        };
        try (SharedState state = Stores.openReadOnly(directory, cluster);
             Subscription subscription = prefix.isEmpty() ? state.watch(printer)
                     : state.watchPrefix(prefix, printer)) {
            Main.info("watching " + Stores.name(state, directory) + (prefix.isEmpty() ? ""
                    : " for keys starting with \"" + prefix + "\"") + "; Ctrl-C to stop");
            if (!Signals.requested()) {
                stop.await();
            }
        }
        return outputClosed[0] ? ExitCode.OUTPUT_CLOSED : ExitCode.OK;
    }

    private void print(EventFormat format, JsonGenerator generator, ChangeEvent event) {
        if (generator == null) {
            out.println(format.line(event));
        } else {
            try {
                format.writeJson(generator, event);
                generator.writeRaw('\n');
                generator.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.flush();
    }
}
