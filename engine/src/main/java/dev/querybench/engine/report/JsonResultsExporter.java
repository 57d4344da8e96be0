package dev.querybench.engine.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.evaluation.base.JudgeVerdict;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.stats.CellSummary;
import dev.querybench.engine.stats.JudgeAgreement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The complete results as one JSON document: run, per-cell figures, the judge's agreement and every
 * item. A failed item keeps its message in {@code error} and has it with its place and fix in
 * {@code errorExplanation} ({@code {what, where, fix}}).
 */
public final class JsonResultsExporter implements ResultsExporter {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final ReportDetails details;

    public JsonResultsExporter() {
        this(ReportDetails.none());
    }

    /** An exporter that also lists the few-shot examples {@code details} says were withheld. */
    public JsonResultsExporter(ReportDetails details) {
        this.details = details;
    }

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
        if (!results.privilegedAccounts().isEmpty()) {
            doc.put("warning", results.privilegedWarning());
            doc.put("privilegedAccounts", results.privilegedAccounts());
        }
        doc.put("costUsd", results.cost());
        doc.put("costPerCorrectUsd", results.costPerCorrect());
        doc.put("generationCostUsd", results.generationCost());
        doc.put("judgeCostUsd", results.judgeCost());
        doc.put("cells", results.cells().stream().map(JsonResultsExporter::cell).toList());
        List<JudgeAgreement.CellAgreement> agreement = new JudgeAgreement().cells(results.items());
        if (!agreement.isEmpty()) {
            Map<String, Object> judge = new LinkedHashMap<>();
            judge.put("failJudgedEquivalent", new JudgeAgreement().failJudgedEquivalent(results.items()));
            judge.put("cells", agreement.stream().map(JsonResultsExporter::agreement).toList());
            doc.put("judge", judge);
        }
        // examples left out of prompts because they repeat the asked question or its gold SQL
        doc.put("fewShotExclusions", details.fewShotExclusions().entrySet().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("question", e.getKey());
            m.put("withheld", e.getValue());
            return m;
        }).toList());
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

    private static Map<String, Object> agreement(JudgeAgreement.CellAgreement a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variant", a.variant());
        m.put("model", a.model());
        m.put("judged", a.judged());
        m.put("comparable", a.comparable());
        m.put("agreed", a.agreed());
        m.put("agreement", Double.isNaN(a.rate()) ? null : a.rate());
        m.put("equivalent", a.equivalent());
        m.put("notEquivalent", a.notEquivalent());
        m.put("unsure", a.unsure());
        m.put("errors", a.errors());
        m.put("latencyP50Ms", a.latencyP50Ms());
        m.put("latencyP95Ms", a.latencyP95Ms());
        m.put("failJudgedEquivalent", a.failJudgedEquivalent());
        m.put("passJudgedNotEquivalent", a.passJudgedNotEquivalent());
        m.put("inputTokens", a.inputTokens());
        m.put("outputTokens", a.outputTokens());
        m.put("costUsd", a.cost());
        return m;
    }

    private static Map<String, Object> judge(JudgeVerdict j) {
        if (j == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("judge", j.judge());
        m.put("model", j.model());
        m.put("verdict", j.decision().id());
        m.put("score", j.score());
        m.put("rationale", j.rationale());
        m.put("rawAnswer", j.rawAnswer());
        m.put("inputTokens", j.usage().inputTokens());
        m.put("outputTokens", j.usage().outputTokens());
        m.put("latencyMs", j.latencyMs());
        m.put("costUsd", j.cost());
        m.put("answeredBy", j.provenance().answeredBy());
        m.put("cached", j.provenance().cached());
        return m;
    }

    /** A failure as {@code {what, where, fix}}, or null without one. */
    private static Map<String, Object> explanation(dev.querybench.engine.errors.Explanation e) {
        if (e == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", e.what());
        m.put("where", e.where());
        m.put("fix", e.fix());
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
        // "error" stays the message, as before; the place and fix are beside it
        m.put("error", i.error() == null ? null : i.error().what());
        m.put("errorExplanation", explanation(i.error()));
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
        m.put("judge", judge(i.judge()));
        return m;
    }
}
