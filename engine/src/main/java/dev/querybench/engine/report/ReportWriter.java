package dev.querybench.engine.report;

import dev.querybench.engine.evaluation.RunResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a run in several formats at once, by format id. Thread-safe. */
public final class ReportWriter {

    private final Map<String, ResultsExporter> exporters = new LinkedHashMap<>();

    public ReportWriter() {
        this(ReportDetails.none());
    }

    /** A writer whose HTML report shows {@code details}: question texts, result samples, a baseline. */
    public ReportWriter(ReportDetails details) {
        for (ResultsExporter e : List.of(new JsonResultsExporter(), new CsvResultsExporter(),
                new MarkdownReportExporter(), new HtmlReportExporter(details), new FineTuneJsonlExporter(0.0, 0))) {
            exporters.put(e.format(), e);
        }
    }

    /** Format ids this writer knows. */
    public List<String> formats() {
        return List.copyOf(exporters.keySet());
    }

    /**
     * @throws IllegalArgumentException naming an unknown format and the known ones
     */
    public List<Path> write(RunResults results, Path folder, List<String> formats) {
        List<Path> written = new ArrayList<>();
        for (String format : formats) {
            ResultsExporter exporter = exporters.get(format.strip().toLowerCase(Locale.ROOT));
            if (exporter == null) {
                throw new dev.querybench.engine.config.ConfigException("unknown report format '" + format + "'",
                        "use one or more of " + formats(), null);
            }
            written.add(exporter.export(results, folder));
        }
        return written;
    }
}
