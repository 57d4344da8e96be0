package dev.querybench.engine.tracing.langfuse;

import java.time.Duration;

/**
 * The answer of Langfuse's health endpoint.
 *
 * @param status the status it reported ({@code OK} when healthy)
 * @param version the server's version
 * @param latency how long the call took
 */
public record LangfuseHealth(String status, String version, Duration latency) {

    public boolean ok() {
        return "OK".equalsIgnoreCase(status);
    }
}
