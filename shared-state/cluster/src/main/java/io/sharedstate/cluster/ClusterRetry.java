package io.sharedstate.cluster;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import io.sharedstate.SharedStateException;
import io.sharedstate.StoreClosedException;
import org.apache.ignite.IgniteClientDisconnectedException;
import org.apache.ignite.cluster.ClusterTopologyException;
import org.apache.ignite.internal.cluster.ClusterTopologyCheckedException;
import org.apache.ignite.internal.transactions.IgniteTxRollbackCheckedException;
import org.apache.ignite.internal.transactions.IgniteTxTimeoutCheckedException;
import org.apache.ignite.transactions.TransactionHeuristicException;
import org.apache.ignite.transactions.TransactionRollbackException;
import org.apache.ignite.transactions.TransactionTimeoutException;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs a cluster call, trying it again while the cluster recovers from a member that left: the transaction was
 * rolled back, or the key's primary changed under it. Anything else (a user's function that threw, a removed key)
 * goes to the caller at once. A call that cannot succeed within the retry budget fails with a
 * {@link SharedStateException} that says so.
 */
final class ClusterRetry {
    private final FailsafeExecutor<Object> executor;
    private final Duration budget;
    private final BooleanSupplier closed;

    ClusterRetry(Duration budget, BooleanSupplier closed) {
        this.budget = budget;
        this.closed = closed;
        RetryPolicy<Object> policy = RetryPolicy.builder()
                .handleIf(ClusterRetry::isTransient)
                .abortIf((result, failure) -> closed.getAsBoolean())
                .withBackoff(Duration.ofMillis(5), Duration.ofMillis(250))
                .withMaxRetries(-1)
                .withMaxDuration(budget)
                .onRetry(event -> ClusterLog.LOG.debug("retrying a cluster call after {}",
                        event.getLastException().toString()))
                .build();
        this.executor = Failsafe.with(policy);
    }

    @SuppressWarnings("unchecked")
    <T> T get(Supplier<T> call) {
        try {
            return (T) executor.get(call::get);
        } catch (FailsafeException e) {
            throw translate(e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private RuntimeException translate(Throwable failure) {
        if (closed.getAsBoolean()) {
            return new StoreClosedException("the cluster store is closed");
        }
        if (isTransient(failure)) {
            return new SharedStateException("the cluster did not recover within " + budget.toSeconds()
                    + " s (members left and their data has no copy on the members left, or the cluster is"
                    + " inactive): " + failure, failure);
        }
        return failure instanceof RuntimeException ? (RuntimeException) failure
                : new SharedStateException("cluster call failed: " + failure, failure);
    }

    /** Whether {@code failure} comes from the cluster changing under a call, which trying again resolves. */
    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClusterTopologyException || cause instanceof ClusterTopologyCheckedException
                    || cause instanceof TransactionRollbackException
                    || cause instanceof TransactionTimeoutException || cause instanceof TransactionHeuristicException
                    || cause instanceof IgniteTxRollbackCheckedException
                    || cause instanceof IgniteTxTimeoutCheckedException
                    || cause instanceof IgniteClientDisconnectedException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
