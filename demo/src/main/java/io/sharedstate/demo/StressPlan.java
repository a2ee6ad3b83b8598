package io.sharedstate.demo;

/**
 * Where the increments of a {@code stress} run go, and so what every key must hold at the end. The run has K
 * targets: even targets are the counters {@code stress.counter.0}, {@code stress.counter.1}, ..., odd targets
 * the elements of the array {@code stress.slots}. Increment {@code op} of worker {@code w} goes to target
 * {@code (op + w) mod K}, so every worker visits every target in turn and, with K = 1, all of them hammer one
 * counter, as Python's benchmark does.
 *
 * @param procs the worker processes
 * @param ops the increments of each worker
 * @param targets the number of targets, K
 */
record StressPlan(int procs, long ops, int targets) {
    static final String COUNTER_PREFIX = "stress.counter.";
    static final String SLOTS = "stress.slots";

    /** Returns the total number of increments, every worker's together. */
    long total() {
        return procs * ops;
    }

    /** Returns the number of counter keys: the even targets. */
    int counters() {
        return (targets + 1) / 2;
    }

    /** Returns the length of the array {@link #SLOTS}: the odd targets; 0 means there is no array. */
    int slots() {
        return targets / 2;
    }

    /** Returns the name of counter {@code i}. */
    static String counter(int i) {
        return COUNTER_PREFIX + i;
    }

    /** Returns the target of worker {@code worker}'s first increment. */
    int firstTarget(int worker) {
        return worker % targets;
    }

    /** Returns the name of target {@code t}: a counter's name, or {@code stress.slots[i]}. */
    String describe(int target) {
        return (target & 1) == 0 ? counter(target / 2) : SLOTS + "[" + target / 2 + "]";
    }

    /** Returns how many increments target {@code t} receives from all workers together. */
    long expected(int target) {
        long sum = 0;
        for (int worker = 0; worker < procs; worker++) {
            long first = Math.floorMod(target - worker, targets);
            sum += first < ops ? (ops - first - 1) / targets + 1 : 0;
        }
        return sum;
    }

    /** Returns the expected value of every target, in target order. */
    long[] expectedAll() {
        long[] expected = new long[targets];
        for (int t = 0; t < targets; t++) {
            expected[t] = expected(t);
        }
        return expected;
    }
}
