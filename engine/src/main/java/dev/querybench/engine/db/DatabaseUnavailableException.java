package dev.querybench.engine.db;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.errors.QueryBenchException;

/**
 * A database a question names exists as a name (a file, a profile, a database on a server) but
 * cannot be used: the file is missing or not a database, the server refuses the connection or has
 * no database of that name. Runs and scoring record the question's item as ERROR (a dataset
 * problem, counted as a dataset error) and go on with the others.
 */
public final class DatabaseUnavailableException extends QueryBenchException {

    private static final long serialVersionUID = 1L;

    private final String database;
    private final String where;
    private final String problem;
    private final String remedy;

    /**
     * @param database the name the questions use
     * @param where the file or server, for the message (never with credentials)
     * @param problem what went wrong
     * @param remedy what to do about it
     */
    public DatabaseUnavailableException(String database, String where, String problem, String remedy) {
        super(ErrorResponse.of(ErrorCategory.NOT_FOUND, "database '" + database + "' (" + where + ") cannot be used: "
                + problem, remedy));
        this.database = database;
        this.where = where;
        this.problem = problem;
        this.remedy = remedy;
    }

    /** What is wrong with the database (without the question), where it is, and what to do. */
    public Explanation explanation() {
        return new Explanation("database '" + database + "' cannot be used: " + problem, where, remedy);
    }

    public String database() {
        return database;
    }
}
