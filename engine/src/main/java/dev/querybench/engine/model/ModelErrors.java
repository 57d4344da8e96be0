package dev.querybench.engine.model;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.Redactor;
import java.io.IOException;
import java.net.http.HttpTimeoutException;

/** Turns provider-library exceptions into {@link ModelException}s a user can act on. Stateless. */
public final class ModelErrors {

    private final Redactor redactor;

    public ModelErrors(Redactor redactor) {
        this.redactor = redactor;
    }

    public ModelException translate(ModelSpec spec, Throwable error) {
        String detail = redactor.redact(String.valueOf(error.getMessage()));
        String who = spec.toString();
        ErrorResponse response = switch (error) {
            case AuthenticationException e -> ErrorResponse.of(ErrorCategory.AUTHENTICATION,
                    who + ": the API key was refused (" + detail + ")",
                    "check the key in the environment variable the model profile names");
            case ModelNotFoundException e -> ErrorResponse.of(ErrorCategory.NOT_FOUND,
                    who + ": the provider does not know this model (" + detail + ")",
                    "check the model name; list the provider's models with querybench doctor");
            case RateLimitException e -> ErrorResponse.of(ErrorCategory.RATE_LIMIT,
                    who + ": rate limited (" + detail + ")", "lower the run's concurrency or wait and resume");
            case TimeoutException e -> ErrorResponse.of(ErrorCategory.TIMEOUT,
                    who + ": no answer in time", "raise timeoutSeconds in the model profile or try again");
            case InternalServerException e -> ErrorResponse.of(ErrorCategory.SERVER,
                    who + ": the provider failed (" + detail + ")", "try again later; resume keeps finished items");
            case ContentFilteredException e -> new ErrorResponse(ErrorCategory.INVALID_INPUT, false,
                    who + ": the answer was blocked by a content filter", "rephrase the prompt variant");
            // Gemini refuses a bad key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID
            case InvalidRequestException e when detail.contains("API_KEY_INVALID") -> ErrorResponse.of(
                    ErrorCategory.AUTHENTICATION, who + ": the API key was refused (" + detail + ")",
                    "check the key in the environment variable the model profile names");
            case InvalidRequestException e -> new ErrorResponse(ErrorCategory.INVALID_INPUT, false,
                    who + ": the provider refused the request (" + detail + ")",
                    "check the prompt length and the model's parameters");
            case UnresolvedModelServerException e -> ErrorResponse.of(ErrorCategory.NETWORK,
                    who + ": cannot reach the server (" + detail + ")", "check the base URL and the network");
            case HttpException e -> byStatus(who, e.statusCode(), detail);
            default -> fromCause(who, error, detail);
        };
        return new ModelException(response, null);
    }

    private static ErrorResponse byStatus(String who, int status, String detail) {
        if (status == 401) {
            return ErrorResponse.of(ErrorCategory.AUTHENTICATION, who + ": the API key was refused",
                    "check the key in the environment variable the model profile names");
        }
        if (status == 403) {
            return ErrorResponse.of(ErrorCategory.PERMISSION, who + ": the key may not use this model",
                    "check the key's project and model permissions");
        }
        if (status == 404) {
            return ErrorResponse.of(ErrorCategory.NOT_FOUND, who + ": not found (" + detail + ")",
                    "check the base URL and the model name");
        }
        if (status == 429) {
            return ErrorResponse.of(ErrorCategory.RATE_LIMIT, who + ": rate limited", "lower concurrency or wait");
        }
        if (status >= 500) {
            return ErrorResponse.of(ErrorCategory.SERVER, who + ": server error " + status, "try again later");
        }
        return new ErrorResponse(ErrorCategory.INVALID_INPUT, false, who + ": HTTP " + status + " (" + detail + ")",
                "check the model profile");
    }

    private static ErrorResponse fromCause(String who, Throwable error, String detail) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
                return ErrorResponse.of(ErrorCategory.TIMEOUT, who + ": no answer in time",
                        "raise timeoutSeconds in the model profile or try again");
            }
            if (t instanceof java.net.ConnectException) {
                return ErrorResponse.of(ErrorCategory.NETWORK, who + ": cannot connect (" + detail + ")",
                        "check that the endpoint is running and the base URL is right");
            }
            if (t instanceof IOException) {
                return ErrorResponse.of(ErrorCategory.NETWORK, who + ": network error (" + detail + ")",
                        "check the connection and try again");
            }
        }
        return ErrorResponse.of(ErrorCategory.INTERNAL, who + ": " + detail, "see the details; report it if it repeats");
    }
}
