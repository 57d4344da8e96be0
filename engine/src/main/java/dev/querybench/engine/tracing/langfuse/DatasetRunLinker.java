package dev.querybench.engine.tracing.langfuse;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.tracing.TracedItem;
import java.util.List;

/**
 * How a QueryBench dataset and the items of a run are mirrored in Langfuse. Langfuse v3 does it
 * with datasets, dataset items and dataset run items ({@link DatasetRunItemsLinker}); Langfuse v4's
 * experiments API is another implementation of this interface. Implementations only build
 * requests; the tracer sends them in the background. Thread-safe.
 */
public interface DatasetRunLinker {

    /** Requests that create or update the dataset and one item per question (idempotent). */
    List<Outgoing> upsertDataset(String datasetName, String description, List<Question> questions);

    /**
     * Requests that link one traced item to its dataset item.
     *
     * @param traceId the item's trace
     * @param observationId the item's generation
     */
    List<Outgoing> link(TracedItem item, String traceId, String observationId);
}
