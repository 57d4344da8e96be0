package dev.querybench.engine.model.internal;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import dev.querybench.engine.errors.ProviderHttpException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP client QueryBench hands to langchain4j's chat models. It sends requests with the
 * JDK's client (HTTP/1.1, the JVM's proxy settings) and, unlike langchain4j's default, keeps the
 * response headers of an error answer in a {@link ProviderHttpException}, so retry hints such as
 * {@code Retry-After} reach the retry policy. The read timeout bounds the whole answer, body
 * included, and an interrupted call is abandoned at once. Streaming
 * and multipart requests, which chat calls do not use, go to langchain4j's JDK client.
 * Thread-safe.
 */
public final class HttpTransport implements HttpClient {

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final java.net.http.HttpClient client;
    /** Cuts bodies still arriving at their deadline; its thread ends when no call is pending. */
    private final ScheduledThreadPoolExecutor timer;
    private final Duration readTimeout;
    private final Duration connectTimeout;
    private volatile HttpClient fallback;

    private HttpTransport(Builder builder) {
        java.net.http.HttpClient.Builder http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.getDefault())
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL);
        if (builder.connectTimeout != null) {
            http.connectTimeout(builder.connectTimeout);
        }
        this.client = http.build();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "querybench-http-deadline");
            t.setDaemon(true);
            return t;
        });
        timer.setKeepAliveTime(1, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
        this.readTimeout = builder.readTimeout;
        this.connectTimeout = builder.connectTimeout;
    }

    /** langchain4j's client, made on first use: chat calls never need it, and it costs a second HTTP client. */
    private HttpClient fallback() {
        HttpClient client = fallback;
        if (client == null) {
            synchronized (this) {
                client = fallback;
                if (client == null) {
                    client = JdkHttpClient.builder().connectTimeout(connectTimeout).readTimeout(readTimeout).build();
                    fallback = client;
                }
            }
        }
        return client;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            return fallback().execute(request);
        }
        java.net.http.HttpRequest.Builder send = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        if (readTimeout != null) {
            send.timeout(readTimeout);
        }
        request.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> send.header(name, value));
            }
        });
        send.method(request.method().name(), request.body() == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            // send, not sendAsync: sendAsync hands its answer over through the common ForkJoinPool (one
            // worker on a 2-core machine), so any task blocking there held every model call back
            response = client.send(send.build(), readTimeout == null
                    ? HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)
                    : wholeAnswerWithin(System.nanoTime() + readTimeout.toNanos()));
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("the model call was interrupted");
            cancelled.initCause(e);
            throw cancelled;
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw new ProviderHttpException(status, response.headers().map(), response.body());
        }
        return SuccessfulHttpResponse.builder().statusCode(status).headers(response.headers().map())
                .body(response.body()).build();
    }

    /**
     * Reads the body as text, cut at {@code deadline} ({@link System#nanoTime} scale): the JDK's
     * request timeout covers only the wait for the headers, so a provider trickling its body a
     * byte at a time would hold the call forever. At the deadline the body's subscription is
     * cancelled, which closes the connection, and the call fails with an {@link HttpTimeoutException}.
     */
    private HttpResponse.BodyHandler<String> wholeAnswerWithin(long deadline) {
        return info -> new BodyDeadline(HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8), deadline);
    }

    /** A body subscriber that gives up at a deadline. */
    private final class BodyDeadline implements HttpResponse.BodySubscriber<String> {

        private final HttpResponse.BodySubscriber<String> body;
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final long deadline;

        BodyDeadline(HttpResponse.BodySubscriber<String> body, long deadline) {
            this.body = body;
            this.deadline = deadline;
            body.getBody().whenComplete((text, failure) -> {
                if (failure == null) {
                    result.complete(text);
                } else {
                    result.completeExceptionally(failure);
                }
            });
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            ScheduledFuture<?> cut = timer.schedule(() -> {
                if (result.completeExceptionally(new HttpTimeoutException("no complete answer within "
                        + readTimeout.toMillis() + " ms (the request timeout), headers and body together"))) {
                    subscription.cancel();
                }
            }, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            result.whenComplete((text, failure) -> cut.cancel(false));
            body.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            body.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            body.onError(throwable);
        }

        @Override
        public void onComplete() {
            body.onComplete();
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        fallback().execute(request, parser, listener);
    }

    /** Builds {@link HttpTransport}s; langchain4j sets the timeouts from the chat model's. */
    public static final class Builder implements HttpClientBuilder {

        private Duration connectTimeout;
        private Duration readTimeout;

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public HttpTransport build() {
            return new HttpTransport(this);
        }
    }
}
