package io.sharedstate.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChecksTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Checks checks = new Checks(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    @Test
    void aMatchingValuePassesAndTheRunExitsWithZero() {
        assertTrue(checks.expectEqual("counter", 2L, 2L));

        assertEquals(0, checks.finish("demo"));
        assertTrue(output().startsWith("PASS  counter: expected 2, got 2\n"), output());
    }

    @Test
    void aDifferentValueFailsAndTheRunExitsWithOne() {
        checks.expectEqual("counter", 2L, 2L);
        assertFalse(checks.expectEqual("slots", new long[] {1, 1}, new long[] {1, 0}));

        assertEquals(1, checks.finish("demo"));
        assertTrue(output().contains("FAIL  slots: expected [1, 1], got [1, 0]\n"), output());
        assertTrue(output().endsWith("demo: 1 of 2 checks FAIL\n"), output());
    }

    @Test
    void aScenarioErrorIsAFailedCheck() {
        checks.error("crash", new IllegalStateException("worker 1 failed with exit status 1"));

        assertEquals(1, checks.failed());
        assertEquals(1, checks.finish("crash"));
        assertTrue(output().startsWith("FAIL  crash: IllegalStateException: worker 1 failed"), output());
    }

    @Test
    void aRunWithoutAnyCheckDoesNotPass() {
        assertEquals(1, checks.finish("demo"));
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
