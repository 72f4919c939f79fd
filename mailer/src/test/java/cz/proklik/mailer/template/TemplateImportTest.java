package cz.proklik.mailer.template;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.mailing.ErpContact;
import cz.proklik.erp.mailing.ErpContactDao;
import cz.proklik.erp.mailing.StoredTemplate;
import cz.proklik.erp.mailing.TemplateDao;
import cz.proklik.mailer.render.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Templates authored as files, stored in a real H2 file database, read back unchanged. */
class TemplateImportTest {
    @TempDir
    Path home;

    @Test
    void aTemplateFolderIsStoredWithEveryLanguageAndShopVersion() throws Exception {
        StoredTemplate read = TemplateFiles.read(Fixtures.templateDir("spring"), Fixtures.CLOCK);
        assertThat(read.versions()).extracting(v -> v.language() + "/" + v.shop())
                .containsExactly("cs/eshop-cz", "sk/eshop-sk");
        assertThat(read.versions().get(1).fromAddress()).isEqualTo("novinky@shop.example.sk");
        assertThat(read.versions().get(0).subject()).isEqualTo("{{greeting}}, jarní novinky pro vás");
        try (Database db = Database.embedded(home)) {
            SchemaMigrator.of(db).migrate();
            TemplateDao dao = new TemplateDao(db.dataSource());
            dao.save(read);
            dao.save(read); // a re-import replaces, never duplicates
            StoredTemplate stored = dao.find("spring-2026").orElseThrow();
            assertThat(stored).isEqualTo(read);
            assertThat(stored.versions().get(0).html())
                    .isEqualTo(Files.readString(Fixtures.templateDir("spring").resolve("cs.html")));
            assertThat(dao.list()).hasSize(1);

            // The greeting data of the stand-in ERP comes through the adapter view.
            ErpContact jana = new ErpContactDao(db.dataSource()).find("R1001").orElseThrow();
            assertThat(jana.vocativeFirstName()).isEqualTo("Jano");
            assertThat(jana.gender()).isEqualTo("F");
            assertThat(new ErpContactDao(db.dataSource()).find("R1004").orElseThrow().gender()).isNull();
        }
    }

    @Test
    void badFilesAreRefusedWithTheReason() throws Exception {
        Path dir = Files.createDirectories(home.resolve("bad"));
        assertThatThrownBy(() -> TemplateFiles.read(dir, Fixtures.CLOCK)).hasMessageContaining("no template.properties");
        Files.writeString(dir.resolve("template.properties"), "id=bad\nfrom.address=not an address\n");
        assertThatThrownBy(() -> TemplateFiles.read(dir, Fixtures.CLOCK)).hasMessageContaining("from.address");
        Files.writeString(dir.resolve("template.properties"), "id=bad\nfrom.address=a@example.com\n");
        assertThatThrownBy(() -> TemplateFiles.read(dir, Fixtures.CLOCK)).hasMessageContaining("no version");
        Files.writeString(dir.resolve("cs.html"), "<html><head><title>Hi</title></head><body>{{contact.nmae}}</body></html>");
        assertThatThrownBy(() -> TemplateFiles.read(dir, Fixtures.CLOCK)).hasMessageContaining("{{contact.nmae}}");
        Files.writeString(dir.resolve("cs.html"), "<html><body>no title</body></html>");
        assertThatThrownBy(() -> TemplateFiles.read(dir, Fixtures.CLOCK)).hasMessageContaining("<title>");
        Files.write(dir.resolve("cs.html"), new byte[] {'<', (byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(() -> TemplateFiles.read(dir, Fixtures.CLOCK)).hasMessageContaining("not UTF-8");
        Files.writeString(dir.resolve("cs.html"), "<html><head><title>Hi</title></head><body>ok</body></html>",
                StandardCharsets.UTF_8);
        assertThat(TemplateFiles.read(dir, Fixtures.CLOCK).versions()).hasSize(1);
    }
}
