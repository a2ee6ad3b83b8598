package io.sharedstate.cluster;

import io.sharedstate.ChangeEvent;
import io.sharedstate.ChangeEvent.Operation;
import io.sharedstate.TypeCode;
import io.sharedstate.internal.ValueCodec;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One change as the journal cache keeps it, written in the transaction that makes the change. Its values follow
 * {@link ChangeEvent#values()}; {@code operationId} identifies the call that made it, so that a call retried after a
 * member failed can tell whether its first attempt was committed.
 */
final class JournalRecord {
    private final long timeMicros;
    private final int pid;
    private final String operation;
    private final char typecode;
    private final boolean array;
    private final int index;
    private final long[] values;
    private final boolean hasDelta;
    private final long delta;
    private final UUID operationId;

    JournalRecord(long timeMicros, int pid, Operation operation, TypeCode type, boolean array, int index,
                  long[] values, Long delta, UUID operationId) {
        this.timeMicros = timeMicros;
        this.pid = pid;
        this.operation = operation.name();
        this.typecode = type.code();
        this.array = array;
        this.index = index;
        this.values = values;
        this.hasDelta = delta != null;
        this.delta = delta == null ? 0 : delta;
        this.operationId = operationId;
    }

    long timeMicros() {
        return timeMicros;
    }

    UUID operationId() {
        return operationId;
    }

    Operation operation() {
        return Operation.valueOf(operation);
    }

    /** Returns this record as the event users see; its sequence is the key's version. */
    ChangeEvent toEvent(JournalKey key) {
        TypeCode type = TypeCode.of(typecode);
        List<Number> numbers = Arrays.stream(values).mapToObj(value -> ValueCodec.toNumber(type, value))
                .collect(Collectors.toList());
        Instant time = Instant.ofEpochSecond(timeMicros / 1_000_000, (timeMicros % 1_000_000) * 1_000);
        return new ChangeEvent(key.version(), time, pid, key.name(), operation(), type, array, index, numbers,
                hasDelta ? ValueCodec.toNumber(type, delta) : null);
    }
}
