package io.dispatch.client.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServletResponse;

import io.dispatch.client.ClientId;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.RemoteBucketBuilder;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Service;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Each client's submission rate: a token bucket of {@code submissionBurst} tokens refilled at
 * {@code submissionsPerSecond}, kept by Bucket4j in the {@code rate_buckets} table so that every
 * instance draws from the same one. Submissions and redeliveries each take a token.
 * <p>
 * Requests that arrive while this instance is already asking the database for a client's bucket
 * wait and then go as one request (Bucket4j's batching): under load a bucket costs a statement per
 * batch, not per submission, and stays exact.
 */
@Service
public class SubmissionRate implements DisposableBean {

    /** A full bucket's row is useless; it goes this long after the bucket would be full again. */
    private static final Duration KEEP_FULL_BUCKETS = Duration.ofMinutes(1);

    private final HikariDataSource connections;
    private final PostgreSQLSelectForUpdateBasedProxyManager<Long> buckets;
    private final Limits limits;
    private final LimitRefusals refusals;
    private final Map<ClientId, Versioned> proxies = new ConcurrentHashMap<>();

    SubmissionRate(DataSource dataSource, Limits limits, LimitRefusals refusals) {
        // A few connections of their own that commit without waiting for the disk: a bucket's update
        // lost in a database crash only gives a client back a few tokens, and under load the
        // buckets commit about as often as intake does, which would double the WAL flushes.
        this.connections = DataSourceBuilder.derivedFrom(dataSource).type(HikariDataSource.class).build();
        connections.setPoolName("rate-buckets");
        connections.setMaximumPoolSize(4);
        connections.setConnectionInitSql("SET synchronous_commit TO off");
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(connections)
                .table("rate_buckets")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKETS))
                .build();
        this.limits = limits;
        this.refusals = refusals;
    }

    /** A client's bucket at one version of its limits: batched for the many, plain for the first. */
    private record Versioned(long version, BucketProxy batched, BucketProxy plain) {

        /**
         * Goes again, unbatched, when the batched call fails: Bucket4j's batching cannot make a
         * bucket that is not there yet (a new client, or one whose row went after a minute full),
         * and a connection of the buckets' pool that died with the database (a restart, a
         * failover) fails once before the pool replaces it. A second failure is the database
         * being away. At worst a token is taken twice.
         */
        ConsumptionProbe take() {
            try {
                return batched.tryConsumeAndReturnRemaining(1);
            }
            catch (RuntimeException first) {
                try {
                    return plain.tryConsumeAndReturnRemaining(1);
                }
                catch (RuntimeException second) {
                    second.addSuppressed(first);
                    throw new DataAccessResourceFailureException("The rate buckets cannot be reached", second);
                }
            }
        }
    }


    /**
     * Lets a request through if the client's bucket has a token for it, and writes how the bucket
     * stands onto the answer, whatever the answer is.
     *
     * @throws io.dispatch.system.ApiException {@code 429} when the bucket is empty
     */
    public void admit(ClientId clientId, HttpServletResponse response) {
        RateDecision decision = take(clientId);
        response.setHeader(RateDecision.POLICY_HEADER, decision.policy());
        response.setHeader(RateDecision.HEADER, decision.state());
        refuseWhenEmpty(clientId, decision);
    }

    /**
     * Lets a request that has no answer headers of its own (the dashboard's) through if the
     * client's bucket has a token for it.
     *
     * @throws io.dispatch.system.ApiException {@code 429} when the bucket is empty
     */
    public void admit(ClientId clientId) {
        refuseWhenEmpty(clientId, take(clientId));
    }

    private void refuseWhenEmpty(ClientId clientId, RateDecision decision) {
        if (!decision.allowed()) {
            throw refusals.rateLimited(clientId, decision);
        }
    }

    /** Takes a token from the client's bucket if it has one; either way, says how the bucket stands. */
    RateDecision take(ClientId clientId) {
        Limits.LimitedClient client = limits.client(clientId)
                .orElseThrow(() -> new IllegalStateException("no client " + clientId));
        ConsumptionProbe probe = bucket(client).take();
        return new RateDecision(probe.isConsumed(), client.limits(), probe.getRemainingTokens(),
                Duration.ofNanos(probe.getNanosToWaitForReset()), Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    @Override
    public void destroy() {
        connections.close();
    }

    /** Deletes up to {@code batch} rows of buckets that are full again. */
    public int removeFullBuckets(int batch) {
        return buckets.removeExpired(batch);
    }

    private Versioned bucket(Limits.LimitedClient client) {
        // One proxy per client and version: batching merges the requests made through one proxy.
        return proxies.compute(client.id(), (id, known) -> known != null && known.version() == client.version()
                ? known
                : new Versioned(client.version(), proxy(client, true), proxy(client, false)));
    }

    private BucketProxy proxy(Limits.LimitedClient client, boolean batched) {
        RemoteBucketBuilder<Long> builder = buckets.builder()
                .withImplicitConfigurationReplacement(client.version(), TokensInheritanceStrategy.PROPORTIONALLY);
        if (batched) {
            builder = builder.withOptimization(Optimizations.batching());
        }
        return builder.build(client.bucketKey(), () -> configuration(client.limits()));
    }

    private static BucketConfiguration configuration(ClientLimits limits) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(limits.submissionBurst())
                        .refillGreedy(limits.submissionsPerSecond(), Duration.ofSeconds(1)))
                .build();
    }
}
