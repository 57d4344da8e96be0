package dev.querybench.app.text;

import java.math.BigDecimal;
import java.util.Locale;

/** Money and token counts as the workbench shows them on cards, progress lines and details. */
public final class Figures {

    private static final BigDecimal CENT = new BigDecimal("0.01");

    private Figures() {}

    /** Dollars to the cent, or to a hundredth of a cent below one cent (token prices are tiny). */
    public static String dollars(BigDecimal amount) {
        return amount.signum() > 0 && amount.compareTo(CENT) < 0
                ? String.format(Locale.ROOT, "$%.4f", amount) : String.format(Locale.ROOT, "$%.2f", amount);
    }

    /** A token count, in thousands from 1,000 up ("62.5k"). */
    public static String tokens(long n) {
        return n < 1000 ? Long.toString(n) : String.format(Locale.ROOT, "%.1fk", n / 1000.0);
    }
}
