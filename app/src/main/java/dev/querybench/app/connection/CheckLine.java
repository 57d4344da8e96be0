package dev.querybench.app.connection;

import dev.querybench.engine.validation.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of a wizard checklist.
 *
 * @param name what was checked
 * @param state ok, warn or fail
 * @param detail what was found
 * @param remedy what to do when it is not ok, or blank
 */
public record CheckLine(String name, State state, String detail, String remedy) {

    /** An engine check as a line; engine details (lower case for the CLI) read as sentences. */
    static CheckLine of(CheckResult r) {
        State state = switch (r.status()) {
            case OK -> State.OK;
            case WARN -> State.WARN;
            case FAIL -> State.FAIL;
        };
        return new CheckLine(r.name(), state, WizardWork.sentence(r.detail()), WizardWork.sentence(r.remedy()));
    }

    /** What the wizard would save, one line per part: the database, the models primary first, the judge, Langfuse. */
    static String summary(DatabaseForm database, List<ModelProfile> models, String judge, LangfuseForm langfuse) {
        List<String> parts = new ArrayList<>();
        parts.add("Database profile '" + database.nameProperty().get() + "' (" + database.typeProperty().get() + ")");
        parts.add(models.isEmpty() ? "no model profiles" : "models, primary first: "
                + String.join(" → ", models.stream().map(m -> m.name() + " (" + m.spec() + (m.keyEnv() == null ? ""
                        : ", " + m.keyText()) + ")").toList()));
        parts.add(WizardWork.blank(judge) ? "no LLM judge" : "LLM judge " + judge);
        parts.add(langfuse.enabledProperty().get() ? "Langfuse at " + langfuse.hostProperty().get() : "no Langfuse");
        return String.join("\n", parts);
    }

    /** How a check came out. */
    public enum State {
        OK, WARN, FAIL;

        public String styleClass() {
            return "check-" + name().toLowerCase(Locale.ROOT);
        }
    }
}
