package io.sharedstate.spring;

import io.sharedstate.SharedLong;
import io.sharedstate.SharedState;
import io.sharedstate.Subscription;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A Boot application using the starter, for the tests; with {@code --counter.increments=N
 * --counter.parties=P} it waits until P applications have started, increments the shared key "counter" N times,
 * prints "done N" and exits, closing the store with its context.
 */
@SpringBootApplication
public class CounterApplication {
    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(CounterApplication.class, args);
        int status = SpringApplication.exit(context);
        System.out.println("exited " + status);
        System.exit(status);
    }

    @Bean
    @ConditionalOnProperty("counter.increments")
    ApplicationRunner counter(SharedState state, @Value("${counter.increments}") long increments,
                              @Value("${counter.parties:1}") int parties) {
        return args -> {
            SharedLong counter = state.longValue("counter", 0);
            awaitParties(state, parties);
            for (long i = 0; i < increments; i++) {
                counter.incrementAndGet();
            }
            System.out.println("done " + increments);
        };
    }

    /** Waits until {@code parties} applications arrived, so that they increment at the same time. */
    private static void awaitParties(SharedState state, int parties) throws InterruptedException {
        SharedLong arrived = state.longValue("arrived", 0);
        CountDownLatch all = new CountDownLatch(1);
        try (Subscription subscription = state.watch("arrived", event -> {
            if (arrived.get() >= parties) {
                all.countDown();
            }
        })) {
            if (arrived.incrementAndGet() >= parties) {
                all.countDown();
            }
            if (!all.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + arrived.get() + " of " + parties + " arrived");
            }
        }
    }
}
