package dev.querybench.engine.testing;

import dev.querybench.engine.dataset.Question;
import java.util.Collection;

/**
 * Scripts a model stub (any {@link ScriptedModelStub}) from a dataset: the prompt of each question
 * is recognised by the line {@code Question: <text>} that every shipped template contains.
 */
public final class SampleScript {

    private SampleScript() {}

    /** The text that identifies a question's prompt. */
    public static String key(Question q) {
        return "Question: " + q.text() + "\n";
    }

    /** Gold SQL for these questions. */
    public static void answerGold(ScriptedModelStub<?> stub, Collection<Question> questions) {
        questions.forEach(q -> stub.answerSql(key(q), q.primaryGold()));
    }

    /** A well-formed query with the wrong result for these questions. */
    public static void answerWrong(ScriptedModelStub<?> stub, Collection<Question> questions) {
        questions.forEach(q -> stub.answerSql(key(q), "SELECT 'wrong answer' AS nope"));
    }

    /** SQL that does not parse for these questions. */
    public static void answerBroken(ScriptedModelStub<?> stub, Collection<Question> questions) {
        questions.forEach(q -> stub.answerSql(key(q), "SELEC count(* FROM"));
    }
}
