package io.sharedstate.cli;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.sharedstate.NoSuchKeyException;
import io.sharedstate.SharedState;
import io.sharedstate.StoreStatistics;
import io.sharedstate.TypeMismatchException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A store's {@link StoreStatistics#metrics()} and chosen keys' values in the Prometheus text exposition format,
 * named as the Micrometer binder's Prometheus registry names them ({@code sharedstate.data.free} in bytes is
 * {@code sharedstate_data_free_bytes}, a counter gets {@code _total}), each sample labelled with the store.
 */
final class PrometheusText {
    private PrometheusText() {
    }

    /** Returns the exposition of {@code statistics} and of {@code values} (key name to value, NaN if absent). */
    static String of(StoreStatistics statistics, Map<String, Double> values) {
        Map<String, List<StoreStatistics.Metric>> families = new LinkedHashMap<>();
        for (StoreStatistics.Metric metric : statistics.metrics()) {
            families.computeIfAbsent(metric.name(), name -> new ArrayList<>()).add(metric);
        }
        List<MetricSnapshot> snapshots = new ArrayList<>();
        for (List<StoreStatistics.Metric> family : families.values()) {
            snapshots.add(snapshot(family, statistics.store()));
        }
        if (!values.isEmpty()) {
            GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name("sharedstate_value")
                    .help("the value of a shared key");
            values.forEach((key, value) -> gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("key", key, "store", statistics.store())).value(value).build()));
            snapshots.add(gauge.build());
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(text, new MetricSnapshots(snapshots));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString(StandardCharsets.UTF_8);
    }

    /**
     * Returns a single value's current value without waiting for its lock, or NaN if the key does not exist.
     *
     * @throws UserException if the key holds an array
     */
    static double valueOrNaN(SharedState state, String key) {
        if (!state.contains(key)) {
            return Double.NaN;
        }
        try {
            return state.value(key).peek().doubleValue();
        } catch (NoSuchKeyException e) {
            return Double.NaN;
        } catch (TypeMismatchException e) {
            throw new UserException("--key " + key + ": " + e.getMessage());
        }
    }

    private static MetricSnapshot snapshot(List<StoreStatistics.Metric> family, String store) {
        StoreStatistics.Metric first = family.get(0);
        String name = first.name().replace('.', '_') + (first.unit().isEmpty() ? "" : "_" + first.unit());
        if (first.counter()) {
            CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name).help(first.description());
            for (StoreStatistics.Metric metric : family) {
                counter.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels(metric, store))
                        .value(metric.value()).build());
            }
            return counter.build();
        }
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(first.description());
        for (StoreStatistics.Metric metric : family) {
            gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels(metric, store))
                    .value(metric.value()).build());
        }
        return gauge.build();
    }

    private static Labels labels(StoreStatistics.Metric metric, String store) {
        Labels.Builder labels = Labels.builder().label("store", store);
        metric.tags().forEach(labels::label);
        return labels.build();
    }
}
