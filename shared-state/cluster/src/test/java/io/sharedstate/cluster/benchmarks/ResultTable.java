package io.sharedstate.cluster.benchmarks;

import io.sharedstate.cluster.benchmarks.Latency.Summary;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The benchmark's results: each row sets one of the layer's operations beside a raw call, printed as a table and
 * written as JSON, or CSV when the file's name ends in .csv. A row's kind says what its overhead means:
 * {@code layer}, the raw call is what the operation wraps (the target: at most 20 %); {@code design}, a
 * cheaper raw call a raw-Ignite user could choose instead (what the design costs, not the wrapping);
 * {@code delivery}, a watch's delay after the write returned (the event may beat the acknowledgement, so the
 * percentage is only indicative); {@code local}, the local store in the same JVM, with no raw call. The CPU column
 * is the calling thread's CPU time per call, ours / raw: the layer's own work runs there (a watch's delivery thread
 * and Ignite's threads are not in it), so its difference is the layer's cost without the network's and the
 * scheduler's noise.
 */
final class ResultTable {
    static final double TARGET_PERCENT = 20;

    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();

    void setting(String name, String value) {
        settings.put(name, value);
    }

    void add(String operation, String kind, Latency ours, Latency raw, String rawCall) {
        rows.add(new Row(operation, kind, ours.summary(), raw == null ? null : raw.summary(), rawCall));
    }

    void print(PrintStream out) {
        settings.forEach((name, value) -> out.printf("%s: %s%n", name, value));
        String header = String.format(Locale.ROOT, "%-34s | %-25s | %-25s | %9s %8s %8s | %-15s | %-10s | %s",
                "operation", "ours µs: mean  p50  p99", "raw µs: mean  p50  p99", "+µs mean", "+% mean", "+% p50",
                "CPU µs ours/raw", "kind", "raw call");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (Row row : rows) {
            out.println(row.line());
        }
        out.printf("kind layer: the raw call is what the operation wraps; target +%.0f %% at most (ok or over when the"
                + " mean and the median agree, ? when only one is over: a tail decided it, run longer or quieter).%n",
                TARGET_PERCENT);
    }

    void write(Path file) throws IOException {
        String text = file.toString().endsWith(".csv") ? csv() : json();
        Files.writeString(file, text);
    }

    private String csv() {
        StringBuilder out = new StringBuilder("operation,kind,ours_mean_us,ours_p50_us,ours_p99_us,ours_cpu_us,"
                + "ours_n,raw_mean_us,raw_p50_us,raw_p99_us,raw_cpu_us,raw_n,overhead_mean_pct,overhead_p50_pct,"
                + "raw_call\n");
        for (Row row : rows) {
            boolean raw = row.raw != null;
            out.append(String.join(",", quoted(row.operation), row.kind, number(row.ours.mean()),
                    number(row.ours.p50()), number(row.ours.p99()), number(row.ours.cpu()),
                    Long.toString(row.ours.count()), raw ? number(row.raw.mean()) : "",
                    raw ? number(row.raw.p50()) : "", raw ? number(row.raw.p99()) : "",
                    raw ? number(row.raw.cpu()) : "", raw ? Long.toString(row.raw.count()) : "",
                    number(row.overheadMean()), number(row.overheadP50()), quoted(row.rawCall))).append('\n');
        }
        return out.toString();
    }

    private String json() {
        String settingsJson = settings.entrySet().stream()
                .map(entry -> "    " + string(entry.getKey()) + ": " + string(entry.getValue()))
                .collect(Collectors.joining(",\n"));
        String rowsJson = rows.stream().map(Row::json).collect(Collectors.joining(",\n"));
        return "{\n  \"settings\": {\n" + settingsJson + "\n  },\n  \"rows\": [\n" + rowsJson + "\n  ]\n}\n";
    }

    private static String number(Double value) {
        return value == null || value.isNaN() ? "" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String quoted(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static String string(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Fits a figure in a few characters without losing the sub-microsecond ones of the local store. */
    private static String micros(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double magnitude = Math.abs(value);
        String format = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.4f";
        return String.format(Locale.ROOT, format, value);
    }

    private record Row(String operation, String kind, Summary ours, Summary raw, String rawCall) {
        Double overheadMean() {
            return raw == null ? null : percent(ours.mean(), raw.mean());
        }

        Double overheadP50() {
            return raw == null ? null : percent(ours.p50(), raw.p50());
        }

        String line() {
            String figures = raw == null ? String.format(Locale.ROOT, "%9s %8s %8s", "", "", "")
                    : String.format(Locale.ROOT, "%9s %7.1f%% %7.1f%%", micros(ours.mean() - raw.mean()),
                    overheadMean(), overheadP50());
            String verdict = kind.equals("layer") ? verdict() : kind;
            String cpu = micros(ours.cpu()) + (raw == null ? "" : "/" + micros(raw.cpu()));
            return String.format(Locale.ROOT, "%-34s | %-25s | %-25s | %s | %-15s | %-10s | %s", operation,
                    triple(ours), raw == null ? "—" : triple(raw), figures, cpu, verdict, rawCall);
        }

        String json() {
            return "    {\"operation\": " + string(operation) + ", \"kind\": " + string(kind) + ", \"ours\": "
                    + summary(ours) + ", \"raw\": " + (raw == null ? "null" : summary(raw))
                    + ", \"overhead_mean_pct\": " + orNull(overheadMean()) + ", \"overhead_p50_pct\": "
                    + orNull(overheadP50()) + ", \"raw_call\": " + string(rawCall) + "}";
        }

        /** Over or within the target only when the mean and the median agree; else a tail decided it: noise. */
        private String verdict() {
            boolean meanOver = overheadMean() > TARGET_PERCENT;
            if (meanOver != overheadP50() > TARGET_PERCENT) {
                return "layer ?";
            }
            return meanOver ? "layer >" + (int) TARGET_PERCENT + "%" : "layer ok";
        }

        private static String triple(Summary summary) {
            return String.format(Locale.ROOT, "%7s %7s %8s", micros(summary.mean()), micros(summary.p50()),
                    micros(summary.p99()));
        }

        private static String summary(Summary summary) {
            return String.format(Locale.ROOT, "{\"series\": %s, \"n\": %d, \"mean_us\": %.3f, \"p50_us\": %.3f, "
                    + "\"p99_us\": %.3f, \"caller_cpu_us\": %s}", string(summary.name()), summary.count(),
                    summary.mean(), summary.p50(), summary.p99(), Double.isNaN(summary.cpu()) ? "null"
                    : String.format(Locale.ROOT, "%.4f", summary.cpu()));
        }

        private static String orNull(Double value) {
            return value == null || value.isNaN() || value.isInfinite() ? "null"
                    : String.format(Locale.ROOT, "%.2f", value);
        }

        private static double percent(double ours, double raw) {
            return (ours / raw - 1) * 100;
        }
    }
}
