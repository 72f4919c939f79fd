package cz.proklik.mailer.mint;

import cz.proklik.erp.linktoken.LinkTokenDao;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Helios scripts' {@code pkl_link_url} reads exactly the statement the link-token tests run on H2 (and SQL
 * Server where one is found), so what is asserted there is what a Helios keyword expands to. The scripts' T-SQL
 * itself is checked by the sqlserver-guard module.
 */
class HeliosLinkKeywordScriptTest {
    @ParameterizedTest
    @ValueSource(strings = {"helios-green", "helios-orange"})
    void theFunctionRunsTheTestedKeywordLookup(String product) throws Exception {
        String script = Files.readString(Path.of("..", "sql", product, "link-keywords.sql"), StandardCharsets.UTF_8);
        String lookup = LinkTokenDao.KEYWORD_LOOKUP.replace(':', '@');

        assertThat(oneLine(script)).contains("CREATE OR ALTER FUNCTION pkl_link_url ( @campaign_id NVARCHAR(64),"
                + " @recipient_id NVARCHAR(64), @keyword NVARCHAR(65) )").contains("RETURN (" + oneLine(lookup) + ");");
    }

    private static String oneLine(String sql) {
        return sql.replaceAll("\\s+", " ");
    }
}
