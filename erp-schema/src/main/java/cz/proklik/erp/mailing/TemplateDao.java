package cz.proklik.erp.mailing;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/** The mailer's templates ({@code pkl_mail_template*}). */
public class TemplateDao {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public TemplateDao(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    /** Creates the template or replaces it and all its versions, in one transaction. */
    public void save(StoredTemplate t) {
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("id", t.id()).addValue("name", t.name())
                .addValue("from", t.fromAddress()).addValue("fromName", t.fromName())
                .addValue("lang", t.defaultLanguage()).addValue("shop", t.defaultShop())
                .addValue("sha", t.sourceSha256()).addValue("at", toDb(t.importedAt()));
        tx.executeWithoutResult(s -> {
            jdbc.update("DELETE FROM pkl_mail_template_version WHERE template_id = :id", p);
            if (jdbc.update("""
                    UPDATE pkl_mail_template SET name = :name, from_address = :from, from_name = :fromName,
                           default_language = :lang, default_shop = :shop, source_sha256 = :sha, imported_at = :at
                    WHERE template_id = :id""", p) == 0) {
                jdbc.update("""
                        INSERT INTO pkl_mail_template (template_id, name, from_address, from_name, default_language,
                                                       default_shop, source_sha256, imported_at)
                        VALUES (:id, :name, :from, :fromName, :lang, :shop, :sha, :at)""", p);
            }
            SqlParameterSource[] rows = t.versions().stream().map(v -> new MapSqlParameterSource()
                    .addValue("id", t.id()).addValue("lang", v.language()).addValue("shop", v.shop())
                    .addValue("subject", v.subject()).addValue("from", v.fromAddress())
                    .addValue("fromName", v.fromName()).addValue("login", v.loginUrl())
                    .addValue("product", v.productUrl()).addValue("html", v.html()))
                    .toArray(SqlParameterSource[]::new);
            jdbc.batchUpdate("""
                    INSERT INTO pkl_mail_template_version (template_id, language_code, shop_code, subject, from_address,
                                                           from_name, login_url, product_url, html)
                    VALUES (:id, :lang, :shop, :subject, :from, :fromName, :login, :product, :html)""", rows);
        });
    }

    public Optional<StoredTemplate> find(String templateId) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", templateId);
        List<StoredTemplateVersion> versions = jdbc.query("""
                SELECT * FROM pkl_mail_template_version WHERE template_id = :id ORDER BY language_code, shop_code""",
                p, (rs, i) -> new StoredTemplateVersion(rs.getString("language_code"), rs.getString("shop_code"),
                        rs.getString("subject"), rs.getString("from_address"), rs.getString("from_name"),
                        rs.getString("login_url"), rs.getString("product_url"), rs.getString("html")));
        return jdbc.query("SELECT * FROM pkl_mail_template WHERE template_id = :id", p,
                (rs, i) -> new StoredTemplate(rs.getString("template_id"), rs.getString("name"),
                        rs.getString("from_address"), rs.getString("from_name"), rs.getString("default_language"),
                        rs.getString("default_shop"), rs.getString("source_sha256"), fromDb(rs, "imported_at"),
                        versions)).stream().findFirst();
    }

    /** Template ids with names, for listing. */
    public List<String[]> list() {
        return jdbc.query("""
                SELECT t.template_id, t.name, COUNT(v.language_code) AS versions
                FROM pkl_mail_template t LEFT JOIN pkl_mail_template_version v ON v.template_id = t.template_id
                GROUP BY t.template_id, t.name ORDER BY t.template_id""",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2), Integer.toString(rs.getInt(3))});
    }
}
