package io.sharedstate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sharedstate.KeyInfo;
import io.sharedstate.TypeCode;

import java.io.IOException;
import java.util.List;

/**
 * One key as a JSON object, the same in {@code dump --json} and {@code get --json}:
 * <pre>
 * {"key":"temps","typecode":"d","type":"float64","array":true,"length":3,"value":[0.0,3.0,2.0],
 *  "journal":"on","created":"2026-03-01T12:00:00.123456Z","lastWriterPid":4242}
 * </pre>
 * {@code value} is a number or boolean for a single value and a list for an array; {@code 'c'} and {@code 'u'}
 * keys add {@code "text"}, their characters as a string. A value read while a writer held the key adds
 * {@code "consistent":false} and {@code "lockOwnerPid"}. A corrupt entry is {@code {"key":..., "error":...}}.
 */
final class KeyJson {
    private final Times.Stamp stamp = new Times.Stamp();

    void write(JsonGenerator json, KeyInfo info, int index, List<Number> values, boolean consistent)
            throws IOException {
        TypeCode type = info.typecode();
        json.writeStartObject();
        json.writeStringField("key", info.name());
        json.writeStringField("typecode", String.valueOf(type.code()));
        json.writeStringField("type", type.typeName());
        json.writeBooleanField("array", info.isArray());
        json.writeNumberField("length", info.length());
        if (index >= 0) {
            json.writeNumberField("index", index);
        }
        json.writeFieldName("value");
        Values.writeJson(json, type, info.isArray() && index < 0, values);
        if (type == TypeCode.CHAR || type == TypeCode.WCHAR) {
            json.writeStringField("text", Values.chars(values));
        }
        json.writeStringField("journal", info.journal().name().toLowerCase(java.util.Locale.ROOT));
        json.writeStringField("created", stamp.format(info.createdAt()));
        json.writeNumberField("lastWriterPid", info.lastWriterPid());
        if (!consistent) {
            json.writeBooleanField("consistent", false);
            json.writeNumberField("lockOwnerPid", info.lockOwnerPid());
        }
        json.writeEndObject();
    }

    static void writeCorrupt(JsonGenerator json, String name, String directory) throws IOException {
        json.writeStartObject();
        json.writeStringField("key", name);
        json.writeStringField("error", corruptMessage(directory));
        json.writeEndObject();
    }

    static String corruptMessage(String directory) {
        return "entry header is corrupt; shared-state recover " + directory + " removes it";
    }
}
