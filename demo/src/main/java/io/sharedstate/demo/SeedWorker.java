package io.sharedstate.demo;

import io.sharedstate.SharedState;

/**
 * The child process of the {@code seed} examples: {@code SeedWorker DIR COMMAND KEY [INDEX [VALUE]]}, one small
 * change to a key the launcher created, as the Python examples' {@code Process(target=f)} makes.
 * <ul>
 *   <li>{@code increment KEY}: adds one to the 32-bit value {@code KEY};</li>
 *   <li>{@code set-element KEY INDEX VALUE}: sets element {@code INDEX} of the 3-element double array;</li>
 *   <li>{@code increment-element KEY INDEX}: adds one to element {@code INDEX} of the 10-element int array.</li>
 * </ul>
 */
public final class SeedWorker {
    private SeedWorker() {
    }

    /** Runs one command; see the class description. */
    public static void main(String[] args) {
        WorkerMain.run(args, SeedWorker::run);
    }

    private static void run(SharedState state, String[] args) {
        String key = args[1];
        switch (args[0]) {
            case "increment":
                state.intValue(key).incrementAndGet();
                break;
            case "set-element":
                state.doubleArray(key, SeedExamples.ARRAY_INITIAL.length)
                        .set(Integer.parseInt(args[2]), Double.parseDouble(args[3]));
                break;
            case "increment-element":
                state.intArray(key, SeedExamples.SLOTS).incrementAndGet(Integer.parseInt(args[2]));
                break;
            default:
                throw new IllegalArgumentException("unknown seed command " + args[0]);
        }
    }
}
