package io.sharedstate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sharedstate.KeyInfo;
import io.sharedstate.SharedState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code get DIR KEY... [--index I] [--json]}: prints values, each read consistently through the library, one line
 * per key in the order given. Every key is read before anything is printed, so a missing key prints nothing.
 */
@Command(name = "get", sortOptions = false,
        description = {"Print keys' values, one line per KEY in the order given; an array's elements separated by "
                + "spaces, in the form set takes back.",
                "Opens the store read-only. Waits while another process holds a key's lock.", ClusterOptions.HELP})
final class GetCommand extends KeyCommand {
    @Parameters(index = "2..*", arity = "0..*", paramLabel = "KEY", description = "More keys.")
    List<String> more = List.of();

    @Option(names = "--json", description = "Each key as a JSON object, as in dump --json, one per line.")
    boolean json;

    @Mixin
    ClusterOptions cluster;

    /** One key as read. */
    private record Read(KeyInfo info, List<Number> values) {
    }

    @Override
    public Integer call() throws IOException {
        List<String> keys = new ArrayList<>();
        keys.add(key);
        keys.addAll(more);
        if (index != null && keys.size() > 1) {
            throw new UserException("--index applies to one key; got " + keys.size() + " keys");
        }
        List<Read> reads = new ArrayList<>();
        try (SharedState state = Stores.openReadOnly(directory, cluster)) {
            for (String name : keys) {
                reads.add(read(state, name));
            }
        }
        for (Read read : reads) {
            if (json) {
                try (JsonGenerator generator = out.json()) {
                    new KeyJson().write(generator, read.info(), index == null ? -1 : index, read.values(), true);
                    generator.writeRaw('\n');
                }
            } else {
                out.println(Values.words(read.info().typecode(), read.values()));
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    private Read read(SharedState state, String name) {
        KeyInfo info = state.info(name);
        noteIfLocked(info, false);
        if (index != null) {
            checkIndex(info);
        }
        List<Number> values;
        if (!info.isArray()) {
            values = List.of(state.value(name).get());
        } else if (index != null) {
            values = List.of(state.array(name).get(index));
        } else {
            values = Arrays.asList(state.array(name).toArray());
        }
        return new Read(info, values);
    }
}
