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

    /**
     * A writer whose HTML report shows {@code details}: question texts, result samples, a baseline;
     * the JSON and HTML reports also list the few-shot examples withheld.
     */
    public ReportWriter(ReportDetails details) {
        for (ResultsExporter e : List.of(new JsonResultsExporter(details), new CsvResultsExporter(),
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
        boolean created = !java.nio.file.Files.exists(folder);
        for (String format : formats) {
            ResultsExporter exporter = exporters.get(format.strip().toLowerCase(Locale.ROOT));
            if (exporter == null) {
                throw new dev.querybench.engine.config.ConfigException("unknown report format '" + format + "'",
                        "use one or more of " + formats(), null);
            }
            written.add(exporter.export(results, folder));
        }
        // reports hold prompts, answers and the questions: private to the user (a folder the user
        // named and QueryBench did not create keeps its permissions)
        try {
            if (created) {
                dev.querybench.engine.secrets.PrivateFiles.folder(folder);
            }
            for (Path file : written) {
                dev.querybench.engine.secrets.PrivateFiles.restrict(file);
            }
        } catch (java.io.IOException e) {
            throw new dev.querybench.engine.config.ConfigException("cannot make the reports in " + folder
                    + " private to you", "check that you own the folder", e);
        }
        return written;
    }
}
