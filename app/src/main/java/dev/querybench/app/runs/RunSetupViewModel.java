package dev.querybench.app.runs;

import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.prompt.PromptTask;
import dev.querybench.engine.prompt.PromptTemplate;
import dev.querybench.engine.session.RunRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The run screen's setup: which model (and which further models), prompt variants, questions,
 * repeats and judge the next run uses, and the plan that makes.
 */
public final class RunSetupViewModel {

    private final Workspace workspace;
    private final ObservableList<ModelChoice> models;
    private final ObjectProperty<ModelChoice> selectedModel = new SimpleObjectProperty<>(this, "selectedModel");
    private final ObservableList<VariantOption> variants;
    private final ObservableList<ModelOption> compareModels;
    private final ObservableList<QuestionSubset> subsets;
    private final ObjectProperty<QuestionSubset> subset = new SimpleObjectProperty<>(this, "subset");
    private final IntegerProperty repeats = new SimpleIntegerProperty(this, "repeats", 1);
    private final ReadOnlyStringWrapper planText = new ReadOnlyStringWrapper(this, "planText", "");
    private final ObservableList<JudgeOption> judges;
    private final ObjectProperty<JudgeOption> selectedJudge = new SimpleObjectProperty<>(this, "selectedJudge");
    private final ReadOnlyStringWrapper judgeHint = new ReadOnlyStringWrapper(this, "judgeHint", "");
    private final ReadOnlyStringWrapper modelHint = new ReadOnlyStringWrapper(this, "modelHint", "");
    private final ReadOnlyBooleanWrapper modelNeedsAttention = new ReadOnlyBooleanWrapper(this, "modelNeedsAttention");
    private final ReadOnlyBooleanWrapper complete = new ReadOnlyBooleanWrapper(this, "complete");

    public RunSetupViewModel(Workspace workspace, List<ModelChoice> modelChoices) {
        this.workspace = workspace;
        this.models = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(modelChoices));
        this.variants = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(variantOptions(workspace)));
        this.compareModels = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(
                modelChoices.stream().map(ModelOption::new).toList()));
        this.subsets = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(
                QuestionSubset.of(workspace.dataset().questions())));
        this.judges = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(
                JudgeOption.of(workspace, modelChoices)));
        subset.set(subsets.getFirst());
        selectedModel.set(defaultModel(modelChoices, workspace));
        // The workspace's judge when it has one (as the CLI does), else none.
        selectedJudge.set(judges.size() > 1 && judges.get(1).choice().model() == null ? judges.get(1) : judges.getFirst());
        bindHints();
        Observable[] selections = variants.stream().map(VariantOption::selectedProperty).toArray(Observable[]::new);
        BooleanBinding anyVariant = Bindings.createBooleanBinding(
                () -> variants.stream().anyMatch(VariantOption::isSelected), selections);
        complete.bind(selectedModel.isNotNull().and(selectedJudge.isNotNull()).and(anyVariant));
        List<Observable> planInputs = new ArrayList<>(List.of(selections));
        compareModels.forEach(m -> planInputs.add(m.selectedProperty()));
        planInputs.addAll(List.of(selectedModel, subset, repeats));
        planText.bind(Bindings.createStringBinding(this::describePlan, planInputs.toArray(Observable[]::new)));
    }

    private void bindHints() {
        judgeHint.bind(Bindings.createStringBinding(
                () -> selectedJudge.get() == null ? "" : selectedJudge.get().detail(), selectedJudge));
        modelHint.bind(Bindings.createStringBinding(() -> {
            ModelChoice choice = selectedModel.get();
            return choice == null ? "Choose a model to run." : choice.problem().isBlank() ? choice.detail() : choice.problem();
        }, selectedModel));
        modelNeedsAttention.bind(Bindings.createBooleanBinding(
                () -> selectedModel.get() != null && !selectedModel.get().problem().isBlank(), selectedModel));
    }

    /** The models the next run asks: the selected one first, then the further ones ticked. */
    List<ModelChoice> chosenModels() {
        List<ModelChoice> chosen = new ArrayList<>();
        if (selectedModel.get() != null) {
            chosen.add(selectedModel.get());
        }
        compareModels.stream().filter(ModelOption::isSelected).map(ModelOption::choice)
                .filter(c -> !chosen.contains(c)).forEach(chosen::add);
        return chosen;
    }

    List<String> chosenVariants() {
        return variants.stream().filter(VariantOption::isSelected).map(VariantOption::name).toList();
    }

    /** What the next run asks for, as the setup stands. */
    RunRequest request() {
        List<ModelChoice> chosenModels = chosenModels();
        String baseUrl = chosenModels.stream().filter(ModelChoice::adHoc).map(ModelChoice::baseUrl).findFirst()
                .orElse(selectedModel.get().baseUrl());
        return new RunRequest(chosenVariants(), chosenModels.stream().map(ModelChoice::id).toList(), baseUrl, null,
                subset.get() == null ? List.of() : subset.get().questionIds(), Math.max(1, repeats.get()))
                .withJudge(selectedJudge.get().choice());
    }

    /** The base URL of the model given on the command line, or null. */
    String adHocBaseUrl() {
        return models.stream().filter(ModelChoice::adHoc).map(ModelChoice::baseUrl).findFirst().orElse(null);
    }

    private String describePlan() {
        int variantCount = (int) variants.stream().filter(VariantOption::isSelected).count();
        int modelCount = chosenModels().size();
        int questionCount = subset.get() == null ? workspace.dataset().size()
                : subset.get().size(workspace.dataset().size());
        int times = Math.max(1, repeats.get());
        return RunText.plural(variantCount, "variant") + " × " + RunText.plural(modelCount, "model") + " × "
                + RunText.plural(questionCount, "question") + (times > 1 ? " × " + times + " repeats" : "") + " = "
                + RunText.plural(variantCount * modelCount * questionCount * times, "item");
    }

    private static List<VariantOption> variantOptions(Workspace workspace) {
        Set<String> defaults = Set.copyOf(workspace.config().variants());
        List<VariantOption> options = new ArrayList<>();
        for (PromptTemplate template : workspace.prompts().templates(PromptTask.SQL_GENERATION)) {
            options.add(new VariantOption(template.name(), template.description(),
                    defaults.isEmpty() || defaults.contains(template.name())));
        }
        return options;
    }

    private static ModelChoice defaultModel(List<ModelChoice> choices, Workspace workspace) {
        List<String> preferred = workspace.config().run().models();
        return choices.stream().filter(ModelChoice::adHoc).findFirst()
                .or(() -> choices.stream().filter(c -> preferred.contains(c.id())).findFirst())
                .orElse(choices.isEmpty() ? null : choices.getFirst());
    }

    // ---- properties

    /** True when a model, a judge option and at least one variant are chosen. */
    public ReadOnlyBooleanProperty completeProperty() {
        return complete.getReadOnlyProperty();
    }

    public ObservableList<ModelChoice> models() {
        return models;
    }

    public ObjectProperty<ModelChoice> selectedModelProperty() {
        return selectedModel;
    }

    public ObservableList<ModelOption> compareModels() {
        return compareModels;
    }

    public ObservableList<QuestionSubset> subsets() {
        return subsets;
    }

    public ObjectProperty<QuestionSubset> subsetProperty() {
        return subset;
    }

    public IntegerProperty repeatsProperty() {
        return repeats;
    }

    public ReadOnlyStringProperty planTextProperty() {
        return planText.getReadOnlyProperty();
    }

    public ObservableList<VariantOption> variants() {
        return variants;
    }

    /** No judge, the workspace's judge when it has one, and each model as a judge. */
    public ObservableList<JudgeOption> judges() {
        return judges;
    }

    public ObjectProperty<JudgeOption> selectedJudgeProperty() {
        return selectedJudge;
    }

    /** What the chosen judge option means. */
    public ReadOnlyStringProperty judgeHintProperty() {
        return judgeHint.getReadOnlyProperty();
    }

    public String scopeText() {
        return RunText.plural(workspace.dataset().size(), "question") + " · dataset " + workspace.dataset().name()
                + " · " + workspace.config().run().matchModeOrDefault() + " result matching";
    }

    public ReadOnlyStringProperty modelHintProperty() {
        return modelHint.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty modelNeedsAttentionProperty() {
        return modelNeedsAttention.getReadOnlyProperty();
    }
}
