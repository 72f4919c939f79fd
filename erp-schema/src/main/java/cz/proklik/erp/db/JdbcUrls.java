package cz.proklik.erp.db;

import java.util.regex.Pattern;

/**
 * JDBC URLs as they may be shown to a person: a URL can carry a password ({@code ;password=...} on SQL Server,
 * {@code ;PASSWORD=...} on H2, a key store secret, ...), and a URL ends up in error messages and logs. Every place
 * that shows a configured URL goes through {@link #redact}.
 */
public final class JdbcUrls {

    /**
     * Properties whose value is a secret. The value ends at the next {@code ;} or {@code &}, or is a braced
     * {@code {...}} value as mssql-jdbc allows it (which may itself contain {@code ;}).
     */
    private static final Pattern SECRET = Pattern.compile(
            "(?i)((?:^|[;&?:])\\s*(?:password|pwd|passwd|keyStoreSecret|clientKeyPassword|trustStorePassword"
                    + "|accessToken|clientSecret|secret)\\s*=)(\\{[^}]*}?|[^;&]*)");

    /** What is shown in place of a secret. */
    public static final String HIDDEN = "***";

    private JdbcUrls() {
    }

    /** The URL with the value of every secret property replaced by {@value #HIDDEN}; null stays null. */
    public static String redact(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        return SECRET.matcher(jdbcUrl).replaceAll("$1" + HIDDEN);
    }
}
