package dev.querybench.engine.tracing.langfuse;

import dev.querybench.engine.dataset.Dataset;

/**
 * Pushes a QueryBench dataset to Langfuse now (runs also do it in the background when dataset runs
 * are on). Uses a {@link DatasetRunLinker} for the request shapes. Thread-safe.
 */
public final class LangfuseDatasets {

    private final LangfuseClient client;
    private final DatasetRunLinker linker;

    public LangfuseDatasets(LangfuseClient client, DatasetRunLinker linker) {
        this.client = client;
        this.linker = linker;
    }

    /**
     * Creates or updates the dataset and one item per question.
     *
     * @return the number of items pushed
     * @throws LangfuseException when Langfuse refuses or cannot be reached
     */
    public int push(Dataset dataset) {
        int items = 0;
        for (Outgoing request : linker.upsertDataset(dataset.name(), dataset.description(), dataset.questions())) {
            client.post(request.path(), request.body());
            if (DatasetRunItemsLinker.DATASET_ITEMS.equals(request.path())) {
                items++;
            }
        }
        return items;
    }
}
