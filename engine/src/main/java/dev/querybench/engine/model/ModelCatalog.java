package dev.querybench.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.querybench.engine.errors.ErrorResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one provider's endpoint lists its models: the cheapest real call a pre-flight check can
 * make. A {@link ModelProvider} builds one for a base URL and key; the checker fetches the pages,
 * reads the ids and words the outcome with the provider's own hints. Implementations are
 * immutable and thread-safe; they never show the key.
 */
public interface ModelCatalog {

    /** The endpoint, without a trailing slash. */
    String baseUrl();

    /** Headers every listing request sends (the key, an API version). */
    Map<String, String> headers();

    /** The URL of the first page of the model list. */
    String firstPage();

    /** The model ids on one page, or null when the answer is not this provider's model list. */
    List<String> ids(JsonNode page);

    /** The URL of the page after {@code page}, or null when it was the last. */
    default String nextPage(JsonNode page) {
        return null;
    }

    /** A URL to ask before listing (a version endpoint), if the provider has one. */
    default Optional<String> versionUrl() {
        return Optional.empty();
    }

    /** How the answer from {@link #versionUrl()} introduces a passing check, or "" to say nothing. */
    default String versionLabel(JsonNode answer) {
        return "";
    }

    /** The listed id that serves {@code model} (the same id unless the provider resolves aliases), or null. */
    default String match(String model, List<String> ids) {
        return ids.contains(model) ? model : null;
    }

    /** True when an empty list means "cannot tell" rather than "the model is missing". */
    default boolean emptyListIsUnchecked() {
        return false;
    }

    /** The past participle for models the endpoint has: {@code listed}, or {@code pulled} for a local server. */
    default String listedVerb() {
        return "listed";
    }

    /** How a missing model is placed, as in "model 'x' is not <phrase>". */
    default String missingPhrase() {
        return "offered by " + baseUrl();
    }

    /** The provider's own fix for a missing model (such as pulling it), if it has one. */
    default Optional<String> missingRemedy(String model) {
        return Optional.empty();
    }

    /** The provider's own explanation of a refused connection (such as a local server not running). */
    default Optional<ErrorResponse> refused() {
        return Optional.empty();
    }

    /** What the base URL of this provider looks like, for an answer that is not a model list. */
    String baseUrlHint();
}
