package io.sharedstate.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.sharedstate.SharedState;
import io.sharedstate.micrometer.SharedStateMetrics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A {@link SharedState} bean opened from the {@code sharedstate.*} properties when {@code sharedstate.directory} is
 * set, and closed when the context closes; with Micrometer and the shared-state-micrometer module present, its
 * {@link SharedStateMetrics} (Spring Boot binds every {@code MeterBinder} bean to its registries); with the Actuator,
 * a {@code sharedstate} health indicator ({@code management.health.sharedstate.enabled=false} turns it off).
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration")
@ConditionalOnProperty(prefix = "sharedstate", name = "directory")
@EnableConfigurationProperties(SharedStateProperties.class)
public class SharedStateAutoConfiguration {
    /**
     * Opens the store; Spring closes it on shutdown, after the beans that depend on it.
     *
     * @param properties the {@code sharedstate.*} properties
     * @return the open store
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public SharedState sharedState(SharedStateProperties properties) {
        return properties.toBuilder().open();
    }

    /** The store's statistics and chosen keys as Micrometer meters. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({MeterRegistry.class, SharedStateMetrics.class})
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean
        SharedStateMetrics sharedStateMetrics(SharedState state, SharedStateProperties properties) {
            return SharedStateMetrics.builder(state).keys(properties.getMetrics().getKeys())
                    .maxAge(properties.getMetrics().getMaxAge()).build();
        }
    }

    /** The store's health indicator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "sharedStateHealthIndicator")
        @ConditionalOnEnabledHealthIndicator("sharedstate")
        SharedStateHealthIndicator sharedStateHealthIndicator(SharedState state) {
            return new SharedStateHealthIndicator(state);
        }
    }
}
