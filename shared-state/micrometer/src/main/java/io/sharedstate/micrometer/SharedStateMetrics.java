package io.sharedstate.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sharedstate.SharedState;
import io.sharedstate.StoreStatistics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Binds a store's {@link StoreStatistics#metrics() statistics} and the values of chosen keys to a Micrometer
 * registry, as gauges and function counters tagged with the store's directory:
 *
 * <pre>{@code
 * SharedStateMetrics.builder(state).key("orders.open").key("queue.depth").build().bindTo(registry);
 * }</pre>
 *
 * <p>The statistics scan the whole store, so one reading serves all meters for {@link Builder#maxAge} (a second by
 * default) however often and by however many registries they are read. A key's gauge reads the value without
 * waiting for its lock (the value as of the last completed change) and is NaN while the key does not exist; every
 * meter is NaN once the store is closed.
 */
public final class SharedStateMetrics implements MeterBinder {
    private final StatisticsCache statistics;
    private final Set<String> keys;
    private final Tags tags;
    private final SharedState state;

    private SharedStateMetrics(Builder builder) {
        this.state = builder.state;
        this.statistics = new StatisticsCache(builder.state, builder.maxAge);
        this.keys = Set.copyOf(builder.keys);
        this.tags = Tags.of("store", builder.state.directory().toString()).and(builder.tags);
    }

    /**
     * Returns a binder of the store's statistics alone, read at most once a second.
     *
     * @param state the store to measure
     * @return a binder, to be bound with {@link #bindTo}
     * @throws NullPointerException if {@code state} is null
     */
    public static SharedStateMetrics of(SharedState state) {
        return builder(state).build();
    }

    /**
     * Returns a builder of a binder for {@code state}.
     *
     * @param state the store to measure
     * @return a new builder
     * @throws NullPointerException if {@code state} is null
     */
    public static Builder builder(SharedState state) {
        return new Builder(state);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (StoreStatistics.Metric metric : statistics.metricsOrEmpty()) {
            bind(registry, metric);
        }
        for (String key : keys) {
            Gauge.builder("sharedstate.value", new KeyReader(state, key), KeyReader::read)
                    .description("the value of a shared key").tags(tags).tag("key", key).strongReference(true)
                    .register(registry);
        }
    }

    private void bind(MeterRegistry registry, StoreStatistics.Metric metric) {
        List<Tag> metricTags = new ArrayList<>();
        metric.tags().forEach((name, value) -> metricTags.add(Tag.of(name, value)));
        Tags all = tags.and(metricTags);
        ToDoubleFunction<StatisticsCache> reader = cache -> cache.value(metric.name(), metric.tags());
        String unit = metric.unit().isEmpty() ? null : metric.unit();
        if (metric.counter()) {
            FunctionCounter.builder(metric.name(), statistics, reader).description(metric.description())
                    .baseUnit(unit).tags(all).register(registry);
        } else {
            Gauge.builder(metric.name(), statistics, reader).description(metric.description()).baseUnit(unit)
                    .tags(all).strongReference(true).register(registry);
        }
    }

    /** Chooses the keys and tags of a {@link SharedStateMetrics}. */
    public static final class Builder {
        private final SharedState state;
        private final Set<String> keys = new LinkedHashSet<>();
        private final List<Tag> tags = new ArrayList<>();
        private Duration maxAge = Duration.ofSeconds(1);

        private Builder(SharedState state) {
            this.state = Objects.requireNonNull(state, "state");
        }

        /**
         * Adds a gauge {@code sharedstate.value{key=name}} of a single value's current value.
         *
         * @param name the key's name; the key need not exist yet
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         */
        public Builder key(String name) {
            keys.add(Objects.requireNonNull(name, "name"));
            return this;
        }

        /**
         * Adds gauges for all these keys; see {@link #key}.
         *
         * @param names the keys' names
         * @return this builder
         * @throws NullPointerException if {@code names} or one of them is null
         */
        public Builder keys(Iterable<String> names) {
            names.forEach(this::key);
            return this;
        }

        /**
         * Adds a tag to every meter, for example the service's name for the store.
         *
         * @param name the tag's key
         * @param value the tag's value
         * @return this builder
         */
        public Builder tag(String name, String value) {
            tags.add(Tag.of(name, value));
            return this;
        }

        /**
         * Sets how long one reading of the statistics serves the meters.
         *
         * @param age the longest a reading is reused; zero reads the statistics on every
         *         measurement
         * @return this builder
         * @throws IllegalArgumentException if {@code age} is negative
         */
        public Builder maxAge(Duration age) {
            if (age.isNegative()) {
                throw new IllegalArgumentException("maxAge must not be negative, was " + age);
            }
            this.maxAge = age;
            return this;
        }

        /**
         * Returns the binder; bind it with {@link SharedStateMetrics#bindTo}.
         *
         * @return a new binder of the keys and tags chosen so far
         */
        public SharedStateMetrics build() {
            return new SharedStateMetrics(this);
        }
    }
}
