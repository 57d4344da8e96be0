package dev.querybench.engine.compare;

import java.util.Objects;

/**
 * One column of a comparison: a (prompt variant, model) pair of a run.
 *
 * @param variant prompt variant name
 * @param model model profile name or spec
 */
public record CellKey(String variant, String model) {

    public CellKey {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(model, "model");
    }

    /** "ddl-basic · gpt-4o-mini". */
    public String label() {
        return variant + " · " + model;
    }
}
