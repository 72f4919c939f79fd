package cz.proklik.erp.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether another process can write to the database decides whether the mailer must commit each claim before a
 * hand-off (docs/mailer-sending.md, "The claim before the hand-off"): only a database this process owns may skip it.
 */
class DatabaseOwnershipTest {
    @TempDir
    Path home;

    @Test
    void theEmbeddedFileAndAnInMemoryDatabaseAreOwnedByThisProcess() {
        try (Database db = Database.embedded(home)) {
            assertThat(db.ownedByThisProcess()).isTrue();
        }
        try (Database db = Database.open("jdbc:h2:mem:owned;MODE=MSSQLServer;DATABASE_TO_LOWER=TRUE", "sa", "")) {
            assertThat(db.ownedByThisProcess()).isTrue();
        }
    }

    @Test
    void anH2FileThatOtherProcessesMayJoinIsShared() {
        String url = "jdbc:h2:file:" + home.resolve("shared").toString().replace('\\', '/')
                + ";MODE=MSSQLServer;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE";
        try (Database db = Database.open(url, "sa", "")) {
            assertThat(db.ownedByThisProcess()).isFalse();
        }
    }
}
