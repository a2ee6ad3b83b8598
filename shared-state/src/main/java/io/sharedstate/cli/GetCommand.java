package io.sharedstate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sharedstate.KeyInfo;
import io.sharedstate.store.ChronicleSharedState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** {@code get DIR KEY [--index I] [--json]}: prints a value, read consistently through the library. */
@Command(name = "get", sortOptions = false,
        description = {"Print a key's value; an array's elements separated by spaces, in the form set takes back.",
                "Opens the store read-only. Waits while another process holds the key's lock."})
final class GetCommand extends KeyCommand {
    @Option(names = "--json", description = "The key as a JSON object, as in dump --json.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        try (ChronicleSharedState state = Stores.openReadOnly(directory)) {
            KeyInfo info = state.info(key);
            noteIfLocked(info, false);
            checkIndex(info);
            List<Number> values;
            if (!info.isArray()) {
                values = List.of(state.value(key).get());
            } else if (index != null) {
                values = List.of(state.array(key).get(index));
            } else {
                values = Arrays.asList(state.array(key).toArray());
            }
            if (json) {
                try (JsonGenerator generator = out.json()) {
                    new KeyJson().write(generator, info, index == null ? -1 : index, values, true);
                    generator.writeRaw('\n');
                }
            } else {
                out.println(Values.words(info.typecode(), values));
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
