package io.dispatch.callback.sending;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.dispatch.callback.AttemptResult;
import io.dispatch.callback.CallbackProperties;
import io.dispatch.callback.Outgoing;
import io.dispatch.callback.policy.CallbackPolicy;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * POSTs one signed callback and says what came of it. It dials only addresses the
 * {@link CallbackPolicy} allowed for this very attempt: the policy is the client's DNS resolver, so
 * a DNS answer that changes between submission and delivery cannot slip past it.
 */
@Component
class CallbackSender implements DisposableBean {

    private static final ContentType JSON = ContentType.create("application/json");

    private final CloseableHttpClient client;
    private final CallbackSigner signer;
    private final Duration timeout;
    private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "callback-deadline");
        thread.setDaemon(true);
        return thread;
    });

    CallbackSender(CallbackPolicy policy, CallbackSigner signer, CallbackProperties properties,
            ObjectProvider<BuildProperties> build) {
        this.signer = signer;
        this.timeout = properties.timeout();
        // A deadline is cancelled as soon as its attempt is answered; left in the queue until it
        // would have fired, each held its request and body, fifteen seconds of callbacks in all,
        // and kept the collector marking the old generation under load.
        this.deadlines.setRemoveOnCancelPolicy(true);
        String version = build.getIfAvailable() != null ? build.getObject().getVersion() : "dev";
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new PolicyDnsResolver(policy))
                        .setMaxConnTotal(properties.concurrency())
                        .setMaxConnPerRoute(properties.concurrency())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                                .setSocketTimeout(Timeout.of(properties.timeout()))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(properties.timeout()))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("Dispatch/" + version)
                .build();
    }

    AttemptResult send(Outgoing outgoing) {
        HttpPost post = new HttpPost(outgoing.url());
        if (outgoing.traceParent() != null) {
            post.setHeader("traceparent", outgoing.traceParent());
        }
        String webhookId = outgoing.ticketId().toString();
        long timestamp = Instant.now().getEpochSecond();
        post.setHeader("webhook-id", webhookId);
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", signer.sign(outgoing.clientId(), webhookId, timestamp, outgoing.body()));
        post.setEntity(new ByteArrayEntity(outgoing.body().getBytes(StandardCharsets.UTF_8), JSON));
        // The client's timeouts bound each step; this bounds the attempt as a whole.
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        try {
            return client.execute(post, response -> answered(response, start));
        }
        catch (IOException ex) {
            return AttemptResult.noAnswer(describe(ex, post.isCancelled()), elapsed(start));
        }
        finally {
            deadline.cancel(false);
        }
    }

    private static AttemptResult answered(ClassicHttpResponse response, long start) throws IOException {
        EntityUtils.consume(response.getEntity());
        return AttemptResult.answered(response.getCode(), elapsed(start), retryAfter(response));
    }

    private String describe(IOException ex, boolean cancelled) {
        if (ex instanceof CallbackPolicy.RefusedHostException) {
            return "refused: " + ex.getMessage();
        }
        if (cancelled || ex instanceof InterruptedIOException) {
            return ex instanceof ConnectTimeoutException
                    ? "connect timed out"
                    : "timed out: no complete answer within " + timeout.toMillis() + " ms";
        }
        if (ex instanceof ConnectException || ex instanceof NoRouteToHostException) {
            return "connection refused";
        }
        if (ex instanceof UnknownHostException) {
            return "host could not be resolved: " + ex.getMessage();
        }
        return "connection failed: " + ex.getClass().getSimpleName()
                + (ex.getMessage() != null ? " " + ex.getMessage() : "");
    }

    private static @Nullable Duration retryAfter(ClassicHttpResponse response) {
        if (response.getCode() != 429 && response.getCode() != 503) {
            return null;
        }
        Header header = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
        if (header == null) {
            return null;
        }
        String value = header.getValue().trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        }
        catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(Instant.now(), at);
                return until.isNegative() ? Duration.ZERO : until;
            }
            catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void destroy() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }

    private record PolicyDnsResolver(CallbackPolicy policy) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return policy.resolveAllowed(host).toArray(InetAddress[]::new);
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }
}
