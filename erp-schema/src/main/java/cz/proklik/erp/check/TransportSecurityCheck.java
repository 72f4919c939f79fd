package cz.proklik.erp.check;

import org.springframework.dao.DataAccessException;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TLS on the connection to the ERP: what the driver was asked for (mssql-jdbc 13 defaults to {@code encrypt=true}
 * with the server certificate validated), and what the server says about this session
 * ({@code sys.dm_exec_connections.encrypt_option}, readable only with VIEW SERVER STATE; without it the driver's
 * side is all there is, and a validated certificate is proof enough, since the driver refuses to connect otherwise).
 */
final class TransportSecurityCheck implements DatabaseCheck {
    private static final String SESSION = "SELECT encrypt_option, auth_scheme FROM sys.dm_exec_connections "
            + "WHERE session_id = @@SPID";
    static final String CHOICES = "give the server a certificate from a CA this JVM trusts (add hostNameInCertificate "
            + "if the URL names the server differently), or on SQL Server 2022 use encrypt=strict with "
            + "serverCertificate=<file>; see README 'Connecting to SQL Server'";

    @Override
    public String name() {
        return "tls";
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        if (!context.sqlServer()) {
            String url = context.jdbcUrl().toLowerCase(Locale.ROOT);
            if (url.startsWith("jdbc:h2:tcp:")) {
                return List.of(CheckResult.warn(name(), "H2 server over plain TCP: not encrypted",
                        "use the embedded file database, or jdbc:h2:ssl:"));
            }
            return List.of(CheckResult.ok(name(), "no network: the embedded database is a local file"));
        }
        String server;
        Boolean serverEncrypts = null;
        try {
            Map<String, Object> row = context.jdbc().queryForMap(SESSION);
            serverEncrypts = "TRUE".equalsIgnoreCase(String.valueOf(row.get("encrypt_option")));
            server = "the server reports encrypt_option " + row.get("encrypt_option") + ", login by "
                    + row.get("auth_scheme");
        } catch (DataAccessException e) {
            server = "the server's view of the session needs VIEW SERVER STATE";
        }
        return List.of(assess(context.jdbcUrl(), serverEncrypts, server));
    }

    /**
     * The verdict from what the driver was asked for (the URL's properties, mssql-jdbc 13's defaults where absent)
     * and what the server said about the session ({@code null}: it would not say).
     */
    static CheckResult assess(String jdbcUrl, Boolean serverEncrypts, String server) {
        JdbcUrlProperties properties = JdbcUrlProperties.parse(jdbcUrl);
        String encrypt = properties.get("encrypt").orElse("true").toLowerCase(Locale.ROOT);
        boolean strict = encrypt.equals("strict");
        boolean requested = strict || encrypt.equals("true") || encrypt.equals("mandatory") || encrypt.equals("yes");
        // encrypt=strict always validates the certificate; the driver ignores trustServerCertificate then.
        boolean trusted = !strict && properties.isTrue("trustServerCertificate");
        String asked = "encrypt=" + encrypt + (trusted ? ";trustServerCertificate=true" : "");
        String name = "tls";
        if (!requested) {
            boolean encrypted = Boolean.TRUE.equals(serverEncrypts);
            return CheckResult.warn(name, asked + (encrypted
                            ? ": encrypted only because the server forces it, and the certificate is not checked"
                            : ": only the login packet is encrypted; names, e-mails and orders travel in clear")
                            + " (" + server + ")",
                    "set encrypt=true in proklik.db.url and " + CHOICES);
        }
        if (Boolean.FALSE.equals(serverEncrypts)) {
            return CheckResult.warn(name, asked + " but " + server, "check the server's TLS configuration with the DBA");
        }
        if (trusted) {
            return CheckResult.warn(name, asked + ": encrypted, but the server's certificate is not validated, so a "
                    + "man-in-the-middle can read the login and every row (" + server + ")", CHOICES);
        }
        return CheckResult.ok(name, asked + ": TLS with the server's certificate validated"
                + (strict ? " (TDS 8 strict)" : "") + " (" + server + ")");
    }
}
