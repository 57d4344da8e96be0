package dev.querybench.engine.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.secrets.PrivateFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fine-tuning data in chat format: one {@code {"messages": [user prompt, assistant SQL]}} line
 * per item judged correct. With a validation fraction, items are shuffled with the seed and
 * split into {@code finetune-train.jsonl} and {@code finetune-validation.jsonl}.
 */
public final class FineTuneJsonlExporter implements ResultsExporter {

    private final double validationFraction;
    private final long seed;
    private final ObjectMapper json = new ObjectMapper();

    public FineTuneJsonlExporter(double validationFraction, long seed) {
        if (validationFraction < 0 || validationFraction >= 1) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1)");
        }
        this.validationFraction = validationFraction;
        this.seed = seed;
    }

    @Override
    public String format() {
        return "jsonl";
    }

    @Override
    public Path export(RunResults results, Path folder) {
        List<ItemResult> correct = new ArrayList<>(results.items().stream()
                .filter(i -> i.outcome() == Outcome.PASS && i.prompt() != null && i.sql() != null).toList());
        try {
            Files.createDirectories(folder);
            if (validationFraction == 0) {
                Path file = folder.resolve("finetune.jsonl");
                write(file, correct);
                return file;
            }
            Collections.shuffle(correct, new Random(seed));
            int validation = (int) Math.round(correct.size() * validationFraction);
            write(folder.resolve("finetune-validation.jsonl"), correct.subList(0, validation));
            Path train = folder.resolve("finetune-train.jsonl");
            write(train, correct.subList(validation, correct.size()));
            return train;
        } catch (IOException e) {
            throw new ExportException(folder, e);
        }
    }

    private static Map<String, String> message(String role, String content) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    private void write(Path file, List<ItemResult> items) throws IOException {
        PrivateFiles.file(file);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (ItemResult item : items) {
                Map<String, Object> line = Map.of("messages", List.of(message("user", item.prompt()),
                        message("assistant", item.sql())));
                out.write(json.writeValueAsString(line));
                out.newLine();
            }
        }
    }
}
