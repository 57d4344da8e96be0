package dev.querybench.engine.report;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.secrets.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One row per item, for spreadsheets. A failed item's message is in {@code error}, its place and fix
 * in {@code error_where} and {@code error_fix} (the last columns, so readers of the older columns
 * keep working).
 */
public final class CsvResultsExporter implements ResultsExporter {

    private static final List<String> COLUMNS = List.of("question_id", "variant", "model", "repeat", "outcome",
            "failure_category", "flags", "reason", "latency_ms", "input_tokens", "output_tokens", "model_id",
            "answered_by", "retries", "fallbacks", "cached", "cost_usd", "predicted_sql", "error", "judge_verdict",
            "judge_score", "judge_rationale", "judge_raw_answer", "judge_cost_usd", "error_where", "error_fix");

    private final CsvMapper csv = new CsvMapper();

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public Path export(RunResults results, Path folder) {
        Path file = folder.resolve("results.csv");
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        List<List<Object>> rows = new ArrayList<>();
        for (ItemResult i : results.items()) {
            var v = i.verdict();
            var j = i.judge();
            Explanation error = i.error();
            rows.add(java.util.Arrays.asList(i.key().questionId(), i.key().variant(), i.key().model(), i.key().repeat(),
                    v.outcome().name(), v.failureCategory() == null ? "" : v.failureCategory().id(),
                    String.join(";", v.flags()), v.reason(), i.latencyMs(), i.usage().inputTokens(),
                    i.usage().outputTokens(), nullToEmpty(i.modelId()), i.provenance().answeredBy(),
                    i.provenance().retries(), i.provenance().fallbacks(), i.provenance().cached(),
                    i.cost() == null ? "" : i.cost().toPlainString(), nullToEmpty(i.sql()),
                    error == null ? "" : error.what(), j == null ? "" : j.decision().id(), j == null ? "" : j.score(),
                    j == null ? "" : j.rationale(), j == null ? "" : nullToEmpty(j.rawAnswer()),
                    j == null || j.cost() == null ? "" : j.cost().toPlainString(),
                    error == null ? "" : error.where(), error == null ? "" : error.fix()));
        }
        try {
            Files.createDirectories(folder);
            PrivateFiles.file(file);
            csv.writer(schema.build()).writeValue(file.toFile(), rows);
        } catch (IOException e) {
            throw new ExportException(file, e);
        }
        return file;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
