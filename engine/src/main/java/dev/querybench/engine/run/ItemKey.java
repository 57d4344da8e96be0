package dev.querybench.engine.run;

/**
 * Identifies one evaluation item of a run.
 *
 * @param questionId the question
 * @param variant the prompt variant's name
 * @param model the model profile's name
 * @param repeat 0 for the first repetition
 */
public record ItemKey(String questionId, String variant, String model, int repeat) {

    @Override
    public String toString() {
        return questionId + "/" + variant + "/" + model + (repeat == 0 ? "" : "#" + repeat);
    }
}
