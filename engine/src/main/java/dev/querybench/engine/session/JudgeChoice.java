package dev.querybench.engine.session;

/**
 * Which LLM judge a run request asks for. Immutable.
 *
 * @param model a model profile name or a provider:model spec, or null for the workspace's {@code judge.model}
 * @param prompt a {@code sql-judge} prompt name, or null for the workspace's {@code judge.prompt} (or the default)
 * @param off true for no judge whatever the workspace says
 */
public record JudgeChoice(String model, String prompt, boolean off) {

    /** Whatever the workspace's {@code judge:} section says (no judge without one). */
    public static final JudgeChoice WORKSPACE = new JudgeChoice(null, null, false);

    /** No judge. */
    public static final JudgeChoice OFF = new JudgeChoice(null, null, true);

    /** The given judge model and prompt; nulls fall back to the workspace's settings. */
    public static JudgeChoice of(String model, String prompt) {
        return new JudgeChoice(model, prompt, false);
    }
}
