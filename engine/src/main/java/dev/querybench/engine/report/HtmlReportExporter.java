package dev.querybench.engine.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.querybench.engine.evaluation.RunResults;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A self-contained HTML report that works offline: summary table, accuracy with 95% interval bars
 * and accuracy against cost (tokens when a model has no price) as inline SVG, paired McNemar
 * comparisons, the run against a baseline run when one is given, and the per-question matrix with
 * filters (disagreements, "A right, B wrong", failure category, text) whose cells open the
 * question, gold and predicted SQL, the reason and a sample of both results.
 *
 * <p>Written from a Mustache template ({@code report.html.mustache}) that escapes every value, so
 * markup in a question, an SQL query or a model's answer shows as text. Thread-safe.
 */
public final class HtmlReportExporter implements ResultsExporter {

    private static final Mustache TEMPLATE = new DefaultMustacheFactory("dev/querybench/engine/report")
            .compile("report.html.mustache");

    private final ReportDetails details;

    /** A report from the run's items alone: no question texts or result samples. */
    public HtmlReportExporter() {
        this(ReportDetails.none());
    }

    public HtmlReportExporter(ReportDetails details) {
        this.details = details;
    }

    @Override
    public String format() {
        return "html";
    }

    @Override
    public Path export(RunResults results, Path folder) {
        Path file = folder.resolve("report.html");
        StringWriter out = new StringWriter(65_536);
        TEMPLATE.execute(out, HtmlReportModel.of(results, details));
        try {
            Files.createDirectories(folder);
            Files.writeString(file, out.toString());
        } catch (IOException e) {
            throw new ExportException(file, e);
        }
        return file;
    }
}
