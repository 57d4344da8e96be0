package dev.querybench.engine.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.session.ModelAdapterFactory;
import dev.querybench.engine.prompt.PromptLibrary;
import dev.querybench.engine.prompt.PromptOptions;
import dev.querybench.engine.prompt.PromptTemplate;
import dev.querybench.engine.prompt.TemplateException;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Few-shot selection and the repair loop, over real HTTP and the sample database. */
class FewShotAndRepairTest {

    @TempDir
    Path dir;
    OpenAiStub stub;
    WorkspaceSession session;
    ModelAdapter model;
    List<Question> questions;

    @BeforeEach
    void setUp() {
        stub = OpenAiStub.start();
        session = SampleFixture.session(dir);
        model = new ModelAdapterFactory(new SecretResolver(Map.of())).create(
                new ModelConfig("m", "openai:gpt-4o-mini", stub.baseUrl(), null, null, null, 5));
        questions = session.workspace().dataset().questions();
    }

    @AfterEach
    void tearDown() {
        session.close();
        stub.close();
    }

    private static PromptTemplate template(String frontMatter, String body) {
        return PromptLibrary.parse("t.prompt", "---\ntask: sql-generation\nname: t\n" + frontMatter + "---\n" + body);
    }

    @Test
    void fixedAndRandomExamplesNeverIncludeTheQuestionItself() {
        FewShots shots = new FewShots(questions);
        Question target = questions.get(3);
        var fixed = new PromptOptions.FewShotSpec("fixed", 0, 0, List.of(questions.get(0).id(), target.id()));
        assertThat(shots.select(fixed, target)).extracting(Question::id).containsExactly(questions.get(0).id());
        var random = new PromptOptions.FewShotSpec("random", 4, 7, List.of());
        List<Question> first = shots.select(random, target);
        assertThat(first).hasSize(4).doesNotContain(target);
        assertThat(shots.select(random, target)).isEqualTo(first);
        assertThat(shots.select(new PromptOptions.FewShotSpec("random", 4, 8, List.of()), target)).isNotEqualTo(first);
        assertThatThrownBy(() -> shots.select(new PromptOptions.FewShotSpec("fixed", 0, 0, List.of("nope")), target))
                .isInstanceOf(TemplateException.class).hasMessageContaining("'nope'");
    }

    @Test
    void similarExamplesComeFromTheOfflineEmbeddingModel() {
        FewShots shots = new FewShots(List.of(
                new Question("a", "How many customers live in Denver?", List.of("SELECT 1"), "", List.of(), null),
                new Question("b", "What is the total revenue of each store?", List.of("SELECT 2"), "", List.of(), null),
                new Question("c", "How many customers are based in Boulder?", List.of("SELECT 3"), "", List.of(), null),
                new Question("d", "List suppliers without an email address.", List.of("SELECT 4"), "", List.of(), null)));
        Question target = new Question("t", "How many customers live in Seattle?", List.of("SELECT 5"), "", List.of(), null);
        List<Question> picked = shots.select(new PromptOptions.FewShotSpec("similar", 2, 0, List.of()), target);
        assertThat(picked).extracting(Question::id).containsExactlyInAnyOrder("a", "c");
    }

    @Test
    void theRenderedPromptCarriesTheExamples() {
        SqlGenerator generator = session.generator();
        PromptTemplate t = template("few_shots: {select: fixed, ids: [" + questions.get(0).id() + "]}\n",
                "{{few_shots}}\n\nQuestion: {{question}}\n");
        String prompt = generator.render(t, questions.get(5));
        assertThat(prompt).contains("Example question: " + questions.get(0).text(), questions.get(0).primaryGold(),
                "Question: " + questions.get(5).text());
        assertThatThrownBy(() -> PromptLibrary.parse("x.prompt", "---\ntask: sql-generation\nname: x\n---\n{{few_shots}}"))
                .hasMessageContaining("sets no few_shots");
        assertThatThrownBy(() -> template("few_shots: {select: nearest}\n", "x")).hasMessageContaining("fixed, random or similar");
    }

    @Test
    void aFailingQueryIsSentBackWithItsErrorAndEveryAttemptIsRecorded() {
        Question q = questions.getFirst();
        stub.answerSql("no such table: client", q.primaryGold());
        stub.answerSql("Question: " + q.text(), "SELECT COUNT(*) FROM client");
        PromptTemplate t = template("repair: 2\n", "Question: {{question}}\n");
        Generation g = session.generator().generate(model, t, q);
        assertThat(g.sql()).isEqualTo(q.primaryGold());
        assertThat(g.attempts()).extracting(Attempt::sql).containsExactly("SELECT COUNT(*) FROM client", q.primaryGold());
        assertThat(g.attempts().getFirst().error()).contains("no such table: client");
        assertThat(g.attempts().get(1).error()).isNull();
        assertThat(stub.calls()).isEqualTo(2);
        assertThat(g.completion().usage().inputTokens()).isGreaterThan(0);
    }

    @Test
    void repairStopsAfterItsLimit() {
        Question q = questions.getFirst();
        stub.answerSql("Question: " + q.text(), "SELECT nope FROM customers");
        Generation g = session.generator().generate(model, template("repair: 1\n", "Question: {{question}}\n"), q);
        assertThat(g.attempts()).hasSize(2).allSatisfy(a -> assertThat(a.error()).contains("nope"));
        assertThat(stub.calls()).isEqualTo(2);
    }

    @Test
    void aRepairingVariantKeepsWhoAnsweredTheRetriesAndEveryCallPriced() {
        Question q = questions.getFirst();
        stub.answerSql("no such table: client", q.primaryGold());
        stub.answerSql("Question: " + q.text(), "SELECT COUNT(*) FROM client");
        stub.failNext(1, dev.querybench.engine.testing.Fault.serverError());
        dev.querybench.engine.resilience.EndpointRegistry registry = session.endpoints();
        ModelConfig profile = new ModelConfig("m", "openai:gpt-4o-mini", stub.baseUrl(), null, null, null, 5);
        ModelAdapter resilient = new dev.querybench.engine.resilience.ResilientModel(
                new dev.querybench.engine.resilience.FallbackChain("m", List.of(registry.endpoint(profile))),
                dev.querybench.engine.resilience.SelectionPolicy.inOrder(),
                new dev.querybench.engine.resilience.Scoreboard());
        Generation g = session.generator().generate(resilient, template("repair: 2\n", "Question: {{question}}\n"), q);
        assertThat(g.sql()).isEqualTo(q.primaryGold());
        assertThat(g.completion().provenance().answeredBy()).isEqualTo("openai:gpt-4o-mini");
        assertThat(g.completion().provenance().retries()).as("the first call's retry is counted").isOne();
        assertThat(g.calls()).hasSize(2).allSatisfy(c -> assertThat(c.provenance().answeredBy())
                .isEqualTo("openai:gpt-4o-mini"));
        assertThat(session.prices().cost(g.completion().provenance().answeredBy(), g.completion().usage()))
                .as("the answering model has a price").isPresent();

        Generation first = session.generator().generate(resilient, template("repair: 2\n", "Q {{question}}\n"
                + "Question: {{question}}\n"), questions.get(1));
        assertThat(first.completion().provenance().answeredBy()).as("a first attempt that passes keeps it too")
                .isEqualTo("openai:gpt-4o-mini");
    }

    @Test
    void examplesRepeatingTheAskedQuestionOrItsGoldAreWithheldAndListed() {
        Question target = new Question("t", "How many customers live in Denver?", List.of("SELECT COUNT(*) FROM c"),
                "", List.of(), null);
        FewShots shots = new FewShots(List.of(target,
                new Question("same-text", "how many customers  live in denver", List.of("SELECT 9"), "", List.of(), null),
                new Question("same-gold", "Count the Denver customers.", List.of("select count(*)\n  from c;"), "",
                        List.of(), null),
                new Question("other", "How many customers live in Boulder?", List.of("SELECT 3"), "", List.of(), null),
                new Question("far", "List suppliers without an email address.", List.of("SELECT 4"), "", List.of(),
                        null)));
        assertThat(shots.select(new PromptOptions.FewShotSpec("similar", 2, 0, List.of()), target))
                .extracting(Question::id).containsExactly("other", "far");
        assertThat(shots.select(new PromptOptions.FewShotSpec("fixed", 0, 0, List.of("same-gold", "other")), target))
                .extracting(Question::id).containsExactly("other");
        assertThat(shots.exclusions()).containsExactly(Map.entry("t", List.of("same-gold", "same-text")));
    }
}
