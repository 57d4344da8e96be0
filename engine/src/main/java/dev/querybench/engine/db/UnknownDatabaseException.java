package dev.querybench.engine.db;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.errors.QueryBenchException;
import java.util.List;

/**
 * A question names a database that is neither a database profile of the workspace nor a
 * database file next to the dataset. Runs and scoring record the item as ERROR (a dataset
 * problem) with this message and go on with the other questions.
 */
public final class UnknownDatabaseException extends QueryBenchException {

    private static final long serialVersionUID = 1L;

    private static final int LISTED = 30;

    private final String questionId;
    private final String database;
    private final List<String> known;
    private final String lookedIn;

    /**
     * @param questionId the question that names the database
     * @param database the name it gives
     * @param known the databases that can be named, in the order users should read them
     */
    public UnknownDatabaseException(String questionId, String database, List<String> known) {
        this(questionId, database, known, "", null);
    }

    /**
     * @param lookedIn where the database was looked for (folders, servers), for the explanation's
     *     place; empty when there is nothing to name
     * @param remedy what to do, or null for a run's (a profile in querybench.yaml or a file next to the dataset)
     */
    public UnknownDatabaseException(String questionId, String database, List<String> known, String lookedIn,
            String remedy) {
        super(ErrorResponse.of(ErrorCategory.NOT_FOUND, message(questionId, database, known), remedy != null ? remedy
                : "name one of the known databases in the question, add a database profile with that name under"
                        + " databases: in querybench.yaml, or put the file at database/" + database + "/" + database
                        + ".sqlite next to the dataset"));
        this.questionId = questionId;
        this.database = database;
        this.known = List.copyOf(known);
        this.lookedIn = lookedIn == null ? "" : lookedIn;
    }

    /** The same database unknown to another question. */
    public UnknownDatabaseException forQuestion(String otherQuestionId) {
        return new UnknownDatabaseException(otherQuestionId, database, known, lookedIn, error().remedy());
    }

    /** What is wrong (without the question), where the database was looked for, and what to do. */
    public Explanation explanation() {
        return new Explanation("database '" + database + "' is not known; known databases: " + listed(known),
                lookedIn.isEmpty() ? "" : "looked in " + lookedIn, error().remedy());
    }

    private static String message(String questionId, String database, List<String> known) {
        return "question " + questionId + " names database '" + database + "', which is not known; known databases: "
                + listed(known);
    }

    private static String listed(List<String> known) {
        return known.isEmpty() ? "none"
                : String.join(", ", known.subList(0, Math.min(LISTED, known.size())))
                        + (known.size() > LISTED ? " … and " + (known.size() - LISTED) + " more" : "");
    }

    public String questionId() {
        return questionId;
    }

    public String database() {
        return database;
    }

    public List<String> known() {
        return known;
    }
}
