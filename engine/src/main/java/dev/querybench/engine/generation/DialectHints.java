package dev.querybench.engine.generation;

import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.db.Dialect;

/** Short notes on a dialect that models often get wrong, for prompts that ask for them: the engine's own. */
public final class DialectHints {

    public String forDialect(Dialect dialect) {
        return DatabaseBackends.engine(dialect).promptHints();
    }
}
