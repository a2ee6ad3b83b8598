package io.sharedstate.cli.bench;

import io.sharedstate.JournalMode;
import io.sharedstate.SharedState;
import io.sharedstate.SharedValue;

import java.nio.file.Path;

/**
 * Creates a store of N keys for measurements: {@code FillStore DIR N [journal on|off]}. Keys are "k0000000".. of
 * rotating types (int64, int32, float64, uint8, bool, and every 16th a 4-element int64 array). Run with the jar
 * on the class path and the options of io/sharedstate/jvm.options:
 * <pre>
 * java @shared-state/target/classes/io/sharedstate/jvm.options \
 *     -cp shared-state/target/test-classes:shared-state/target/shared-state-0.1.0-SNAPSHOT-cli.jar \
 *     io.sharedstate.cli.bench.FillStore /tmp/big 1000000 off
 * </pre>
 */
public final class FillStore {
    private FillStore() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        JournalMode journal = args.length > 2 && args[2].equals("on") ? JournalMode.ON : JournalMode.OFF;
        long start = System.nanoTime();
        try (SharedState state = SharedState.builder(dir).capacity(Math.max(16_384, count + count / 10))
                .journal(journal).open()) {
            for (int i = 0; i < count; i++) {
                String name = String.format("k%07d", i);
                switch (i % 16 == 15 ? 5 : i % 5) {
                    case 0:
                        state.longValue(name, i);
                        break;
                    case 1:
                        state.intValue(name, -i);
                        break;
                    case 2:
                        state.doubleValue(name, i / 4.0);
                        break;
                    case 3:
                        SharedValue b = state.value(name, 'B', (long) (i & 0xFF));
                        b.get();
                        break;
                    case 4:
                        state.value(name, '?', (long) (i & 1));
                        break;
                    default:
                        state.longArray(name, i, i + 1, i + 2, i + 3);
                }
            }
        }
        System.out.printf("created %d keys in %s in %.1f s%n", count, dir, (System.nanoTime() - start) / 1e9);
    }
}
