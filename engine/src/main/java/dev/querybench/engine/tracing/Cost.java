package dev.querybench.engine.tracing;

/**
 * What one model call cost, in US dollars.
 *
 * @param input cost of the prompt tokens
 * @param output cost of the completion tokens
 */
public record Cost(double input, double output) {

    public Cost {
        if (input < 0 || output < 0 || Double.isNaN(input) || Double.isNaN(output)) {
            throw new IllegalArgumentException("a cost is a non-negative number");
        }
    }

    public double total() {
        return input + output;
    }
}
