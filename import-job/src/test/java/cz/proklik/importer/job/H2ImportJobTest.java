package cz.proklik.importer.job;

import cz.proklik.erp.db.Database;

import java.nio.file.Path;

/** The import contract on the embedded default: an H2 file database in a temporary home. */
class H2ImportJobTest extends ImportJobContract {
    @Override
    Database openDatabase(Path home) {
        return Database.embedded(home);
    }
}
