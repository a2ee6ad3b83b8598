package io.sharedstate.demo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StressPlanTest {
    @ParameterizedTest
    @CsvSource({"4, 1000000, 1", "2, 20000, 4", "3, 10001, 5", "1, 3, 7", "5, 2, 3", "64, 1, 1000"})
    void theExpectedValuesOfTheTargetsAddUpToEveryIncrement(int procs, long ops, int targets) {
        StressPlan plan = new StressPlan(procs, ops, targets);

        assertEquals(procs * ops, LongStream.of(plan.expectedAll()).sum());
        assertEquals(targets, plan.counters() + plan.slots());
    }

    @ParameterizedTest
    @CsvSource({"3, 10001, 5", "2, 7, 4", "5, 2, 3", "1, 1, 1"})
    void theExpectedValuesAreThoseOfTheWorkersRoundRobin(int procs, long ops, int targets) {
        StressPlan plan = new StressPlan(procs, ops, targets);
        long[] counted = new long[targets];
        for (int worker = 0; worker < procs; worker++) {
            int target = plan.firstTarget(worker);
            for (long op = 0; op < ops; op++) {
                counted[target]++;
                target = (target + 1) % targets;
            }
        }

        assertArrayEquals(counted, plan.expectedAll());
    }

    @ParameterizedTest
    @CsvSource({"0, stress.counter.0", "1, stress.slots[0]", "2, stress.counter.1", "5, stress.slots[2]"})
    void evenTargetsAreCountersAndOddTargetsArrayElements(int target, String name) {
        assertEquals(name, new StressPlan(1, 1, 6).describe(target));
    }
}
