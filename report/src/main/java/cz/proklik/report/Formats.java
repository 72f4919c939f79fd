package cz.proklik.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Numbers and times for people. The views deliver rates as fractions and money with 4 decimals; a reader wants
 * "25.0 %" and "1,234.50 CZK". A NULL (a ratio whose denominator is 0) is "–", never a misleading 0.
 */
final class Formats {
    static final String NONE = "–";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal TEN = BigDecimal.TEN;

    private Formats() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Two decimals below 10 % (where a tenth of a point matters), one above. */
    static String percent(BigDecimal fraction) {
        if (fraction == null) {
            return NONE;
        }
        BigDecimal pct = fraction.multiply(HUNDRED);
        int scale = pct.abs().compareTo(TEN) < 0 ? 2 : 1;
        return pct.setScale(scale, RoundingMode.HALF_UP).toPlainString() + " %";
    }

    static String money(BigDecimal amount, String currency) {
        if (amount == null) {
            return NONE;
        }
        String n = String.format(Locale.ROOT, "%,.2f", amount.setScale(2, RoundingMode.HALF_UP));
        return currency == null || currency.isBlank() ? n : n + " " + currency;
    }

    static String time(Instant t) {
        return t == null ? NONE : TIME.format(t);
    }

    static String text(String s) {
        return s == null || s.isEmpty() ? NONE : s;
    }

    static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    /** The view's value for CSV/JSON readers: plain number, empty when NULL. */
    static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    static String plain(Instant t) {
        return t == null ? "" : t.toString();
    }
}
