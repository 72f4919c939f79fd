package cz.proklik.erp.sqlserver;

import cz.proklik.erp.db.Database;

/** A database made for one suite on the test server; {@link #close()} drops it with everything in it. */
public final class ThrowawayDatabase implements AutoCloseable {

    private final String name;
    private final String collation;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Runnable drop;

    ThrowawayDatabase(String name, String collation, String jdbcUrl, String user, String password, Runnable drop) {
        this.name = name;
        this.collation = collation;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.drop = drop;
    }

    public String name() {
        return name;
    }

    public String collation() {
        return collation;
    }

    /** A new pool on this database (the caller closes it before the database is dropped). */
    public Database open() {
        return Database.open(jdbcUrl, user, password);
    }

    @Override
    public void close() {
        drop.run();
    }
}
