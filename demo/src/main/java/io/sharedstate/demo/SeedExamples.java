package io.sharedstate.demo;

import io.sharedstate.SharedState;

import java.util.Arrays;
import java.util.List;

/**
 * The four Python {@code multiprocessing} examples the project replaces, translated to shared-state: each starts
 * real worker JVMs, as the Python program starts real processes, and reads the outcome back from the store.
 */
final class SeedExamples {
    /** The initial contents of example 2's array, Python's {@code Array('d', [0.0, 1.0, 2.0])}. */
    static final double[] ARRAY_INITIAL = {0.0, 1.0, 2.0};
    /** The length of example 4's array and its number of workers. */
    static final int SLOTS = 10;

    private static final int COUNTER_PROCESSES = 10;

    private SeedExamples() {
    }

    /** Returns the four examples, in the order the demo runs them. */
    static List<SeedExample> all() {
        return List.of(twoProcessesIncrementAValue(), aValueAndAnArray(), tenProcessesIncrementACounter(),
                tenProcessesEachIncrementTheirSlot());
    }

    private static SeedExample twoProcessesIncrementAValue() {
        String python = """
                from multiprocessing import Process, Value

                def f(v):
                    with v.get_lock():
                        v.value += 1

                v = Value('i', 0)
                ps = [Process(target=f, args=(v,))
                      for _ in range(2)]
                for p in ps: p.start()
                for p in ps: p.join()
                print(v.value)          # 2
                """;
        String java = """
                // launcher
                s.intValue("ex1.v", 0);
                // each of 2 worker JVMs
                s.intValue("ex1.v").incrementAndGet();
                // launcher, once both have exited
                s.intValue("ex1.v").get()
                """;
        return new SeedExample("two processes increment a value", python, java,
                state -> state.intValue("ex1.v", 0),
                incrementers(2, "ex1.v"),
                state -> intOutcome(2, state.intValue("ex1.v").get()));
    }

    private static SeedExample aValueAndAnArray() {
        String python = """
                from multiprocessing import Process, Value, Array

                def add_one(n):
                    with n.get_lock():
                        n.value += 1

                def set_second(a):
                    a[1] = 3.0

                num = Value('i', 0)
                arr = Array('d', [0.0, 1.0, 2.0])
                p = Process(target=add_one, args=(num,))
                q = Process(target=set_second, args=(arr,))
                p.start(); q.start(); p.join(); q.join()
                print(num.value, arr[:])
                # 1 [0.0, 3.0, 2.0]
                """;
        String java = """
                // launcher
                s.intValue("ex2.num", 0);
                s.doubleArray("ex2.arr", 0.0, 1.0, 2.0);
                // worker JVM 1
                s.intValue("ex2.num").incrementAndGet();
                // worker JVM 2
                s.doubleArray("ex2.arr", 3).set(1, 3.0);
                // launcher, once both have exited
                s.intValue("ex2.num").get()
                s.doubleArray("ex2.arr", 3).toArray()
                """;
        return new SeedExample("a value and a double array changed by two processes", python, java,
                state -> {
                    state.intValue("ex2.num", 0);
                    state.doubleArray("ex2.arr", ARRAY_INITIAL);
                },
                (group, dir) -> {
                    group.start("worker 1", SeedWorker.class, ChildJvm.SHORT_LIVED, dir, "increment", "ex2.num");
                    group.start("worker 2", SeedWorker.class, ChildJvm.SHORT_LIVED, dir, "set-element", "ex2.arr",
                            1, 3.0);
                },
                SeedExamples::valueAndArrayOutcome);
    }

    private static SeedExample tenProcessesIncrementACounter() {
        String python = """
                from multiprocessing import Process, Value

                def f(counter):
                    with counter.get_lock():
                        counter.value += 1

                counter = Value('i', 0)
                ps = [Process(target=f, args=(counter,))
                      for _ in range(10)]
                for p in ps: p.start()
                for p in ps: p.join()
                print(counter.value)    # 10
                """;
        String java = """
                // launcher
                s.intValue("ex3.counter", 0);
                // each of 10 worker JVMs
                s.intValue("ex3.counter")
                 .incrementAndGet();
                // launcher, once all have exited
                s.intValue("ex3.counter").get()
                """;
        return new SeedExample("ten processes increment a counter", python, java,
                state -> state.intValue("ex3.counter", 0),
                incrementers(COUNTER_PROCESSES, "ex3.counter"),
                state -> intOutcome(COUNTER_PROCESSES, state.intValue("ex3.counter").get()));
    }

    private static SeedExample tenProcessesEachIncrementTheirSlot() {
        String python = """
                from multiprocessing import Process, Array

                def f(slots, i):
                    with slots.get_lock():
                        slots[i] += 1

                slots = Array('i', 10)
                ps = [Process(target=f, args=(slots, i))
                      for i in range(10)]
                for p in ps: p.start()
                for p in ps: p.join()
                print(slots[:])
                # [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
                """;
        String java = """
                // launcher
                s.intArray("ex4.slots", 10);
                // worker JVM i, for i in 0..9
                s.intArray("ex4.slots", 10)
                 .incrementAndGet(i);
                // launcher, once all have exited
                s.intArray("ex4.slots", 10).toArray()
                """;
        return new SeedExample("ten processes each increment their own array slot", python, java,
                state -> state.intArray("ex4.slots", SLOTS),
                (group, dir) -> {
                    for (int i = 0; i < SLOTS; i++) {
                        group.start("worker " + i, SeedWorker.class, ChildJvm.SHORT_LIVED, dir, "increment-element",
                                "ex4.slots", i);
                    }
                },
                SeedExamples::slotsOutcome);
    }

    private static SeedExample.Outcome intOutcome(int expected, int actual) {
        return new SeedExample.Outcome(Integer.toString(expected), Integer.toString(actual), expected == actual);
    }

    private static SeedExample.Outcome valueAndArrayOutcome(SharedState state) {
        int num = state.intValue("ex2.num").get();
        double[] arr = state.doubleArray("ex2.arr", ARRAY_INITIAL.length).toArray();
        double[] expected = {0.0, 3.0, 2.0};
        return new SeedExample.Outcome("1 " + Arrays.toString(expected), num + " " + Arrays.toString(arr),
                num == 1 && Arrays.equals(expected, arr));
    }

    private static SeedExample.Outcome slotsOutcome(SharedState state) {
        int[] slots = state.intArray("ex4.slots", SLOTS).toArray();
        int[] expected = new int[SLOTS];
        Arrays.fill(expected, 1);
        return new SeedExample.Outcome(Arrays.toString(expected), Arrays.toString(slots),
                Arrays.equals(expected, slots));
    }

    /** Starts {@code count} worker JVMs that each increment the int {@code key} once. */
    private static SeedExample.Launch incrementers(int count, String key) {
        return (group, dir) -> {
            for (int i = 1; i <= count; i++) {
                group.start("worker " + i, SeedWorker.class, ChildJvm.SHORT_LIVED, dir, "increment", key);
            }
        };
    }
}
