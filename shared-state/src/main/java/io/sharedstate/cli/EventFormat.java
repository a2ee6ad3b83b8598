package io.sharedstate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sharedstate.ChangeEvent;
import io.sharedstate.ChangeEvent.Operation;
import io.sharedstate.TypeCode;

import java.io.IOException;
import java.util.List;

/**
 * A journal event for {@code journal} and {@code watch}. As text, the columns TIME, PID, OP, KEY (with
 * {@code [i]} for an element) and VALUE (with {@code (+delta)} for additions). As JSON:
 * <pre>
 * {"sequence":89262305312769,"time":"2026-03-01T12:00:00.123456Z","pid":4242,"key":"hits","op":"ADD",
 *  "typecode":"q","type":"int64","array":false,"value":6,"delta":1}
 * </pre>
 * {@code value} is a list for whole-array events (CREATE, FILL, LOCK_RECOVERED of an array) and null for REMOVE;
 * element events add {@code "index"}.
 */
final class EventFormat {
    static final String[] HEADERS = {"TIME", ">PID", "OP", "KEY", "VALUE"};

    private final Times.Stamp stamp = new Times.Stamp();

    String[] row(ChangeEvent event) {
        String key = event.index() >= 0 ? event.key() + "[" + event.index() + "]" : event.key();
        return new String[] {stamp.format(event.time()), Integer.toString(event.pid()), event.operation().name(),
                key, value(event)};
    }

    /** One line for a live stream, where later widths are unknown: pid and operation in fixed-width columns. */
    String line(ChangeEvent event) {
        String[] cells = row(event);
        return String.format("%s  %7s  %-14s  %s  %s", (Object[]) cells);
    }

    private static String value(ChangeEvent event) {
        if (event.operation() == Operation.REMOVE || event.values().isEmpty()) {
            return "-";
        }
        TypeCode type = event.typecode();
        String value = Values.display(type, wholeArray(event), event.values());
        if (event.delta() != null) {
            String delta = Values.text(type.isFloatingPoint() ? type : TypeCode.INT64, event.delta());
            value += " (" + (delta.startsWith("-") ? "" : "+") + delta + ")";
        }
        return value;
    }

    private static boolean wholeArray(ChangeEvent event) {
        return event.isArray() && event.index() < 0;
    }

    void writeJson(JsonGenerator json, ChangeEvent event) throws IOException {
        TypeCode type = event.typecode();
        json.writeStartObject();
        json.writeNumberField("sequence", event.sequence());
        json.writeStringField("time", stamp.format(event.time()));
        json.writeNumberField("pid", event.pid());
        json.writeStringField("key", event.key());
        json.writeStringField("op", event.operation().name());
        json.writeStringField("typecode", String.valueOf(type.code()));
        json.writeStringField("type", type.typeName());
        json.writeBooleanField("array", event.isArray());
        if (event.index() >= 0) {
            json.writeNumberField("index", event.index());
        }
        json.writeFieldName("value");
        List<Number> values = event.values();
        if (event.operation() == Operation.REMOVE || values.isEmpty()) {
            json.writeNull();
        } else {
            Values.writeJson(json, type, wholeArray(event), values);
        }
        if (event.delta() != null) {
            json.writeFieldName("delta");
            if (type.isFloatingPoint()) {
                json.writeNumber(event.delta().doubleValue());
            } else {
                json.writeNumber(event.delta().longValue());
            }
        }
        json.writeEndObject();
    }
}
