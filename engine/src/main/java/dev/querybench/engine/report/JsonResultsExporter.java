package dev.querybench.engine.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.stats.CellSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The complete results as one JSON document: run, per-cell figures and every item. */
public final class JsonResultsExporter implements ResultsExporter {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String format() {
        return "json";
    }

    @Override
    public Path export(RunResults results, Path folder) {
        Path file = folder.resolve("results.json");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run", results.run());
        doc.put("complete", results.complete());
        doc.put("costUsd", results.cost());
        doc.put("costPerCorrectUsd", results.costPerCorrect());
        doc.put("cells", results.cells().stream().map(JsonResultsExporter::cell).toList());
        doc.put("items", results.items().stream().map(JsonResultsExporter::item).toList());
        try {
            Files.createDirectories(folder);
            json.writeValue(file.toFile(), doc);
        } catch (IOException e) {
            throw new ExportException(file, e);
        }
        return file;
    }

    private static Map<String, Object> cell(CellSummary c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variant", c.variant());
        m.put("model", c.model());
        m.put("items", c.items());
        m.put("passed", c.passed());
        m.put("failed", c.failed());
        m.put("errors", c.errors());
        m.put("accuracy", Double.isNaN(c.accuracy().value()) ? null : c.accuracy().value());
        m.put("accuracyLow95", c.accuracy().low());
        m.put("accuracyHigh95", c.accuracy().high());
        m.put("latencyP50Ms", c.latencyP50Ms());
        m.put("latencyP95Ms", c.latencyP95Ms());
        m.put("inputTokens", c.inputTokens());
        m.put("outputTokens", c.outputTokens());
        m.put("retries", c.retries());
        m.put("fallbacks", c.fallbacks());
        m.put("fallbackItems", c.fallbackItems());
        m.put("answeredBy", c.answeredBy());
        m.put("cachedItems", c.cachedItems());
        m.put("costUsd", c.cost());
        m.put("costPerCorrectUsd", c.costPerCorrect());
        return m;
    }

    private static Map<String, Object> item(ItemResult i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("questionId", i.key().questionId());
        m.put("variant", i.key().variant());
        m.put("model", i.key().model());
        m.put("repeat", i.key().repeat());
        m.put("outcome", i.verdict().outcome());
        m.put("score", i.verdict().score());
        m.put("mode", i.verdict().mode());
        m.put("flags", List.copyOf(i.verdict().flags()));
        m.put("failureCategory", i.verdict().failureCategory() == null ? null : i.verdict().failureCategory().id());
        m.put("reason", i.verdict().reason());
        m.put("missingRows", i.verdict().missingRows());
        m.put("extraRows", i.verdict().extraRows());
        m.put("predictedSql", i.sql());
        m.put("answer", i.answer());
        m.put("prompt", i.prompt());
        m.put("error", i.error());
        m.put("latencyMs", i.latencyMs());
        m.put("inputTokens", i.usage().inputTokens());
        m.put("outputTokens", i.usage().outputTokens());
        m.put("modelId", i.modelId());
        m.put("answeredBy", i.provenance().answeredBy());
        m.put("retries", i.provenance().retries());
        m.put("fallbacks", i.provenance().fallbacks());
        m.put("cached", i.provenance().cached());
        m.put("costUsd", i.cost());
        m.put("finishedAt", i.finishedAt());
        m.put("attempts", i.attempts());
        return m;
    }
}
