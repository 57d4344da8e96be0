package dev.querybench.app.workspace;

import dev.querybench.app.runs.ModelChoice;
import dev.querybench.app.text.Wording;
import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.SchemaSnapshot;
import dev.querybench.engine.prompt.PromptTask;
import dev.querybench.engine.prompt.PromptTemplate;
import dev.querybench.engine.validation.CheckResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read-only section pages of the main window and their navigator entries, built from the
 * loaded workspace (connections, dataset, prompts), the schema once read and the doctor's
 * checklist. Cheap and in memory; {@link MainViewModel} decides when. FX thread.
 */
final class SectionPages {

    private final Workspace workspace;
    private final List<ModelChoice> models;
    private final Map<Section, NavigatorItem> items;
    private final Map<Section, SectionPageViewModel> pages;

    SectionPages(Workspace workspace, List<ModelChoice> models, Map<Section, NavigatorItem> items,
            Map<Section, SectionPageViewModel> pages) {
        this.workspace = workspace;
        this.models = models;
        this.items = items;
        this.pages = pages;
    }

    SectionPageViewModel connectionsPage() {
        SectionPageViewModel page = new SectionPageViewModel(Section.CONNECTIONS);
        DatabaseConfig db = workspace.config().database();
        page.setSummary("The database the questions run against and the models that answer them. Keys come from"
                + " environment variables or the OS keyring; QueryBench never writes them into workspace files.");
        List<SectionLine> lines = new ArrayList<>();
        lines.add(new SectionLine("Database " + databaseName(), databaseType() + " file " + db.path()
                + (db.init().isEmpty() ? "" : ", built from " + String.join(", ", db.init())) + " · open",
                Status.OK, ""));
        Status worst = Status.OK;
        int missingKeys = 0;
        for (ModelChoice model : models) {
            boolean missing = !model.problem().isBlank();
            missingKeys += missing ? 1 : 0;
            worst = worst.worse(missing ? Status.WARN : Status.NONE);
            lines.add(new SectionLine("Model " + model.label(), model.detail(), missing ? Status.WARN : Status.NONE,
                    model.problem()));
        }
        page.setLines(lines);
        items.get(Section.CONNECTIONS).show(Integer.toString(lines.size()), worst,
                "1 database and " + plural(models.size(), "model") + (missingKeys == 0 ? ""
                        : "; " + missingKeys + " without a key"));
        return page;
    }

    SectionPageViewModel datasetsPage() {
        SectionPageViewModel page = new SectionPageViewModel(Section.DATASETS);
        var dataset = workspace.dataset();
        Map<String, Integer> byDifficulty = new LinkedHashMap<>();
        dataset.questions().forEach(q -> byDifficulty.merge(q.difficulty().isBlank() ? "unrated" : q.difficulty(), 1,
                Integer::sum));
        StringBuilder mix = new StringBuilder();
        byDifficulty.forEach((level, n) -> mix.append(mix.isEmpty() ? "" : ", ").append(n).append(' ').append(level));
        page.setSummary(dataset.name() + ": " + plural(dataset.size(), "question") + " with gold SQL (" + mix + "). "
                + dataset.description());
        page.setEmptyText("The dataset has no questions. Add some to " + workspace.config().dataset() + ".");
        page.setLines(dataset.questions().stream().map(SectionPages::questionLine).toList());
        items.get(Section.DATASETS).show(Integer.toString(dataset.size()), Status.NONE,
                plural(dataset.size(), "question") + " in " + dataset.name());
        return page;
    }

    private static SectionLine questionLine(Question q) {
        String tags = q.tags().isEmpty() ? "" : " · " + String.join(", ", q.tags());
        return SectionLine.of(q.id() + (q.difficulty().isBlank() ? "" : " · " + q.difficulty()) + tags, q.text());
    }

    SectionPageViewModel promptsPage() {
        SectionPageViewModel page = new SectionPageViewModel(Section.PROMPTS);
        var library = workspace.prompts();
        List<PromptTemplate> variants = library.templates(PromptTask.SQL_GENERATION);
        page.setSummary(plural(variants.size(), "prompt variant") + " for SQL generation in " + workspace.config().prompts()
                + "/. The run screen offers each; the workspace runs "
                + (workspace.config().variants().isEmpty() ? "all of them" : String.join(", ", workspace.config().variants()))
                + " by default.");
        page.setEmptyText("No prompt variants yet. Add a .prompt file to " + workspace.config().prompts() + "/.");
        List<SectionLine> lines = new ArrayList<>();
        for (PromptTemplate t : library.templates()) {
            List<String> problems = t.problems();
            lines.add(new SectionLine(t.name(), t.description() + " · " + t.task().id() + " · " + t.source()
                    + " · uses " + String.join(", ", t.variables().stream().map(v -> "{{" + v + "}}").toList()),
                    problems.isEmpty() ? Status.OK : Status.FAIL, String.join("; ", problems)));
        }
        Set<String> templateProblems = new HashSet<>();
        library.templates().forEach(t -> templateProblems.addAll(t.problems()));
        library.problems().stream().filter(p -> !templateProblems.contains(p))
                .forEach(p -> lines.add(new SectionLine("Problem", p, Status.FAIL, "fix the prompt file")));
        page.setLines(lines);
        long broken = lines.stream().filter(l -> l.status() == Status.FAIL).count();
        items.get(Section.PROMPTS).show(Integer.toString(variants.size()), broken > 0 ? Status.FAIL : Status.NONE,
                plural(variants.size(), "prompt variant") + (broken > 0 ? "; " + broken + " with problems" : ""));
        return page;
    }

    void showSchema(SchemaSnapshot schema) {
        SectionPageViewModel page = pages.get(Section.SQL_CONSOLE);
        page.setBusy(false);
        page.setSummary(plural(schema.tables().size(), "table") + " in " + databaseName() + " (" + schema.dialect().displayName()
                + "), as the prompts describe them to the model. Ad-hoc queries are not part of this version;"
                + " the results table of a run shows each predicted query.");
        page.setEmptyText("The database has no tables.");
        page.setLines(schema.tables().stream().map(SectionPages::tableLine).toList());
        items.get(Section.SQL_CONSOLE).show(Integer.toString(schema.tables().size()), Status.NONE,
                plural(schema.tables().size(), "table") + " in " + databaseName());
    }

    private static SectionLine tableLine(SchemaSnapshot.Table table) {
        List<String> columns = table.columns().stream().map(SchemaSnapshot.Column::name).toList();
        String keys = table.primaryKey().isEmpty() ? "" : " · key " + String.join(", ", table.primaryKey());
        String refs = table.foreignKeys().isEmpty() ? "" : " · refers to " + String.join(", ",
                table.foreignKeys().stream().map(SchemaSnapshot.ForeignKey::referencedTable).distinct().toList());
        return SectionLine.of(table.name(), plural(columns.size(), "column") + ": " + String.join(", ", columns) + keys + refs);
    }

    void showHealth(List<CheckResult> checks) {
        SectionPageViewModel page = pages.get(Section.HEALTH);
        page.setBusy(false);
        Status worst = Status.OK;
        List<SectionLine> lines = new ArrayList<>();
        int attention = 0;
        for (CheckResult check : checks) {
            Status status = switch (check.status()) {
                case OK -> Status.OK;
                case WARN -> Status.WARN;
                case FAIL -> Status.FAIL;
            };
            attention += status == Status.OK ? 0 : 1;
            worst = worst.worse(status);
            lines.add(new SectionLine(check.name(), sentence(check.detail()), status, sentence(check.remedy())));
        }
        page.setLines(lines);
        String verdict = attention == 0 ? "all " + checks.size() + " checks passed"
                : attention + " of " + checks.size() + " checks need attention";
        page.setSummary("Java, the workspace, the database and every model endpoint: " + verdict + ".");
    }

    String databaseType() {
        String type = workspace.config().database().type();
        return Dialect.all().stream().filter(d -> d.id().equalsIgnoreCase(type))
                .map(Dialect::displayName).findFirst().orElse(type);
    }

    String databaseName() {
        DatabaseConfig db = workspace.config().database();
        return db.name() == null ? db.path() : db.name();
    }

    private static String sentence(String text) {
        return Wording.sentence(text);
    }

    private static String plural(long n, String noun) {
        return Wording.plural(n, noun);
    }
}
