package dev.querybench.app.grid;

/** How a result row compares with the other side of a comparison. */
public enum RowMark {
    NONE(""),
    /** A gold row the prediction lacks. */
    MISSING("−"),
    /** A predicted row gold lacks. */
    EXTRA("+");

    private final String symbol;

    RowMark(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
