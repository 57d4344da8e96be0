package dev.querybench.engine.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request timeout against a real local HTTP server that answers its headers at once and its body slowly. */
class HttpTransportTest {

    private static final String BODY = "{\"answer\":\"SELECT 1\"}";

    private ServerSocket server;
    private volatile Duration pause;

    @BeforeEach
    void listen() throws Exception {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> answer(socket));
                } catch (Exception closed) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void close() throws Exception {
        server.close();
    }

    /** Reads the request's head and body, sends the headers, then the body one byte per pause. */
    private void answer(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int length = 0;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            in.skip(length);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + BODY.length()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (byte b : BODY.getBytes(StandardCharsets.US_ASCII)) {
                Thread.sleep(pause);
                out.write(b);
                out.flush();
            }
        } catch (Exception peerGone) {
            // the client cut the call
        }
    }

    private HttpRequest request() {
        return HttpRequest.builder().method(HttpMethod.POST).url("http://127.0.0.1:" + server.getLocalPort()
                + "/v1/chat/completions").addHeader("Content-Type", "application/json").body("{}").build();
    }

    @Test
    void aBodyTricklingInByteByByteIsCutAtTheRequestTimeout() {
        pause = Duration.ofSeconds(2);
        HttpTransport transport = HttpTransport.builder().connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(1)).build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> transport.execute(request())).isInstanceOf(TimeoutException.class)
                .hasMessageContaining("1000 ms");
        double seconds = (System.nanoTime() - start) / 1e9;
        // headers arrive at once; the body would take 2 s per byte (42 s): the call is cut at the 1 s timeout,
        // not before it (the bound above is loose: this checks the cut, not its speed)
        assertThat(seconds).isBetween(0.9, 20.0);
    }

    @Test
    void anAnswerArrivesWhileEveryWorkerOfTheCommonPoolIsBlocked() throws Exception {
        // sendAsync hands its answer over through the common pool: with its workers blocked (a run started
        // with CompletableFuture.supplyAsync, a schema check) the answer waited there until the call timed out
        pause = Duration.ZERO;
        int workers = ForkJoinPool.getCommonPoolParallelism();
        CountDownLatch started = new CountDownLatch(workers);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Void>> blockers = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            blockers.add(CompletableFuture.runAsync(() -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        try {
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            HttpTransport transport = HttpTransport.builder().readTimeout(Duration.ofSeconds(10)).build();
            assertThat(transport.execute(request()).body()).isEqualTo(BODY);
        } finally {
            release.countDown();
            CompletableFuture.allOf(blockers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSlowButCompleteBodyWithinTheTimeoutIsRead() {
        pause = Duration.ofMillis(5);
        HttpTransport transport = HttpTransport.builder().readTimeout(Duration.ofSeconds(10)).build();
        assertThat(transport.execute(request()).body()).isEqualTo(BODY);
    }
}
