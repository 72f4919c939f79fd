package cz.proklik.mailer.template;

import cz.proklik.erp.mailing.StoredTemplate;
import cz.proklik.erp.mailing.StoredTemplateVersion;
import cz.proklik.mailer.render.RenderException;
import cz.proklik.mailer.render.SafeUrl;
import cz.proklik.mailer.render.TemplateCompiler;
import cz.proklik.tracking.link.LinkFieldRules;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jsoup.Jsoup;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a template authored as files (docs/mailer.md): a folder with {@code template.properties} and one HTML file
 * per version, {@code LANG.html} (the default shop) or {@code LANG.SHOP.html}; the subject is the HTML's
 * {@code <title>}. Every version is compiled once here, so an unknown keyword or a bad link is refused at import.
 */
public final class TemplateFiles {
    public static final String PROPERTIES = "template.properties";
    private static final Pattern VERSION_FILE = Pattern.compile("([a-z]{2,3})(?:\\.([A-Za-z0-9_-]{1,64}))?\\.html");

    private TemplateFiles() {
    }

    /** @param path the folder, or its template.properties */
    public static StoredTemplate read(Path path, Clock clock) throws IOException {
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        Path propsFile = dir.resolve(PROPERTIES);
        if (!Files.isRegularFile(propsFile)) {
            throw new IllegalArgumentException("no " + PROPERTIES + " in " + dir);
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(propsFile, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        MessageDigest sha = sha256();
        sha.update(Files.readAllBytes(propsFile));
        String id = required(p, "id");
        if (!LinkFieldRules.isId(id)) {
            throw new IllegalArgumentException(PROPERTIES + ": id must be 1-64 of [A-Za-z0-9._:-]: " + id);
        }
        String from = address(required(p, "from.address"), "from.address");
        String fromName = header(p.getProperty("from.name"));
        String defaultLanguage = p.getProperty("default.language", "cs").strip();
        String defaultShop = p.getProperty("default.shop", "default").strip();
        List<StoredTemplateVersion> versions = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> VERSION_FILE.matcher(f.getFileName().toString()).matches()).sorted().toList();
        }
        for (Path file : files) {
            Matcher m = VERSION_FILE.matcher(file.getFileName().toString());
            m.matches();
            String language = m.group(1);
            String shop = m.group(2) == null ? defaultShop : m.group(2);
            byte[] bytes = Files.readAllBytes(file);
            sha.update(bytes);
            String html;
            try {
                html = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException(file.getFileName() + " is not UTF-8");
            }
            String subject = Jsoup.parse(html).title().strip();
            if (subject.isEmpty()) {
                throw new IllegalArgumentException(file.getFileName() + ": the subject is the <title>, and it is empty");
            }
            String prefix = "shop." + shop + ".";
            versions.add(new StoredTemplateVersion(language, shop, header(subject),
                    p.getProperty(prefix + "from.address") == null ? null
                            : address(p.getProperty(prefix + "from.address"), prefix + "from.address"),
                    header(p.getProperty(prefix + "from.name")), url(p, prefix + "login-url"),
                    url(p, prefix + "product-url"), html));
        }
        if (versions.stream().noneMatch(v -> v.language().equals(defaultLanguage) && v.shop().equals(defaultShop))) {
            throw new IllegalArgumentException(dir + ": no version for the default language and shop ("
                    + defaultLanguage + ".html or " + defaultLanguage + "." + defaultShop + ".html)");
        }
        StoredTemplate template = new StoredTemplate(id, p.getProperty("name", id).strip(), from, fromName,
                defaultLanguage, defaultShop, HexFormat.of().formatHex(sha.digest()), clock.instant(), versions);
        for (StoredTemplateVersion v : versions) {
            try {
                TemplateCompiler.compile(template, v);
            } catch (RenderException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return template;
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(PROPERTIES + ": " + key + " is required");
        }
        return v.strip();
    }

    private static String address(String value, String key) {
        try {
            InternetAddress a = new InternetAddress(value.strip(), true);
            if (a.getPersonal() != null) {
                throw new AddressException("give the name in from.name");
            }
            return a.getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException(PROPERTIES + ": " + key + " is not an e-mail address: " + e.getMessage());
        }
    }

    private static String header(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.strip().replaceAll("\\p{Cntrl}", " ");
    }

    private static String url(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (!SafeUrl.isHttpUrl(v.strip().replace("{sku}", "x").replace("{id}", "x"))) {
            throw new IllegalArgumentException(PROPERTIES + ": " + key + " must be an absolute http(s) URL: " + v);
        }
        return v.strip();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
