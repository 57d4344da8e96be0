package dev.querybench.engine.tracing.langfuse;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;

/** A Langfuse call that failed, with the HTTP status (0 when no answer came) and a remedy. */
public final class LangfuseException extends QueryBenchException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public LangfuseException(ErrorResponse error, int status, Throwable cause) {
        super(error, cause);
        this.status = status;
    }

    /** The HTTP status, or 0 when the server did not answer. */
    public int status() {
        return status;
    }

    /** True when trying again later may help: no answer, 429, or a server error. */
    public boolean transientFailure() {
        return status == 0 || status == 429 || status >= 500;
    }

    static LangfuseException forStatus(int status, String what, String detail) {
        ErrorCategory category = switch (status) {
            case 400, 422 -> ErrorCategory.INVALID_INPUT;
            case 401 -> ErrorCategory.AUTHENTICATION;
            case 403 -> ErrorCategory.PERMISSION;
            case 404 -> ErrorCategory.NOT_FOUND;
            case 429 -> ErrorCategory.RATE_LIMIT;
            default -> status >= 500 ? ErrorCategory.SERVER : ErrorCategory.MALFORMED_ANSWER;
        };
        String remedy = switch (status) {
            case 401 -> "check the public and secret key (the langfuse: section of querybench.yaml names where they"
                    + " are); run querybench langfuse validate";
            case 403 -> "use project-scoped API keys of the project you want to write to";
            case 404 -> "check the Langfuse host and that the object exists";
            case 429 -> "wait a moment; Langfuse is rate-limiting this project";
            default -> status >= 500 ? "Langfuse had a problem; check its logs (docker compose logs langfuse-web)"
                    : "check the request";
        };
        return new LangfuseException(ErrorResponse.of(category, what + ": HTTP " + status
                + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"), remedy), status, null);
    }

    static LangfuseException unreachable(String what, String detail, boolean timeout, Throwable cause) {
        return new LangfuseException(ErrorResponse.of(timeout ? ErrorCategory.TIMEOUT : ErrorCategory.NETWORK,
                what + ": " + detail, "check that Langfuse runs and the host in querybench.yaml is right"
                        + " (querybench langfuse health)"), 0, cause);
    }
}
