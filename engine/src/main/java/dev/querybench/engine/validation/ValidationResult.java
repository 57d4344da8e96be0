package dev.querybench.engine.validation;

import dev.querybench.engine.errors.ErrorResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a pre-flight check of one endpoint found.
 *
 * @param subject what was checked, such as {@code openai at https://…/v1}
 * @param status OK, WARN (usable, with a caveat) or FAIL
 * @param detail what was found, in plain words
 * @param latency how long the check's call took (zero when no call was made)
 * @param models the model ids the endpoint listed (empty when it listed none or was not reached)
 * @param error why it is not OK, with a remedy; null when OK
 */
public record ValidationResult(String subject, CheckResult.Status status, String detail, Duration latency,
        List<String> models, ErrorResponse error) {

    public ValidationResult {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(status, "status");
        latency = latency == null ? Duration.ZERO : latency;
        models = models == null ? List.of() : List.copyOf(models);
        detail = detail == null ? "" : detail;
    }

    public static ValidationResult failed(String subject, Duration latency, ErrorResponse error) {
        return new ValidationResult(subject, CheckResult.Status.FAIL, error.message(), latency, List.of(), error);
    }

    public boolean ok() {
        return status != CheckResult.Status.FAIL;
    }

    /** The remedy when there is one, otherwise empty. */
    public String remedy() {
        return error == null ? "" : error.remedy();
    }

    /** This result as a line of a checklist named {@code name}. */
    public CheckResult toCheckResult(String name) {
        return new CheckResult(name, status, detail, remedy());
    }
}
