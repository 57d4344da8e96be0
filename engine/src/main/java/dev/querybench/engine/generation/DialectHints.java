package dev.querybench.engine.generation;

import dev.querybench.engine.db.Dialect;

/** Short notes on a dialect that models often get wrong, for prompts that ask for them. */
public final class DialectHints {

    public String forDialect(Dialect dialect) {
        return switch (dialect) {
            case SQLITE -> """
                    - Dates are stored as ISO text ('2024-03-17'); use date(), strftime('%Y', col) and julianday().
                    - There is no RIGHT/FULL JOIN before SQLite 3.39; string concatenation is ||.
                    - Use LIMIT n for top-N; integer division truncates, multiply by 1.0 for ratios.""";
            case POSTGRESQL -> """
                    - Use EXTRACT(YEAR FROM col), date_trunc() and interval arithmetic for dates.
                    - Identifiers are case-folded to lower case unless double-quoted.
                    - Integer division truncates; cast to numeric for ratios.""";
            case MYSQL -> """
                    - Use YEAR(col), DATE_FORMAT() and DATEDIFF() for dates; backticks quote identifiers.
                    - LIMIT n for top-N; INTERSECT and EXCEPT need MySQL 8.0.31 or later.""";
            case TRINO -> """
                    - Date literals need the DATE keyword (DATE '2024-03-17'); use year(col), date_trunc().
                    - Double quotes quote identifiers; integer division truncates.""";
        };
    }
}
