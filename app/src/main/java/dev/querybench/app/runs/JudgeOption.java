package dev.querybench.app.runs;

import dev.querybench.engine.config.JudgeConfig;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.session.JudgeChoice;
import java.util.ArrayList;
import java.util.List;

/**
 * An LLM judge the user can ask after the execution match: none, the workspace's {@code judge:},
 * or any model on offer.
 *
 * @param label what the judge picker shows
 * @param detail one line on what the choice means
 * @param choice what the run request carries
 */
public record JudgeOption(String label, String detail, JudgeChoice choice) {

    /** No judge, the workspace's judge when it has one turned on, then one option per model. */
    public static List<JudgeOption> of(Workspace workspace, List<ModelChoice> models) {
        List<JudgeOption> options = new ArrayList<>();
        options.add(none());
        JudgeConfig configured = workspace.config().judge();
        if (configured != null && configured.enabledOrDefault()) {
            options.add(new JudgeOption("Workspace judge · " + configured.model(),
                    "The judge: section of querybench.yaml: " + configured.model() + " with the prompt "
                            + configured.promptOrDefault() + ".", JudgeChoice.WORKSPACE));
        }
        for (ModelChoice model : models) {
            options.add(new JudgeOption("Judge with " + model.label(), model.label()
                    + " reads both queries and their first rows and says whether they answer the same."
                    + (configured == null ? "" : " Prompt " + configured.promptOrDefault() + "."),
                    JudgeChoice.of(model.id(), null)));
        }
        return options;
    }

    static JudgeOption none() {
        return new JudgeOption("No LLM judge", "Only the execution match decides.", JudgeChoice.OFF);
    }

    /** Whether runs with this option ask a judge. */
    public boolean judges() {
        return !choice.off();
    }

    @Override
    public String toString() {
        return label;
    }
}
