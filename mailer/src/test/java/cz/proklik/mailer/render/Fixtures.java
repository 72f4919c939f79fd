package cz.proklik.mailer.render;

import cz.proklik.erp.mailing.ErpContact;
import cz.proklik.erp.mailing.ErpProduct;
import cz.proklik.erp.mailing.StoredTemplate;
import cz.proklik.erp.mailing.StoredTemplateVersion;
import cz.proklik.mailer.links.UtmParameters;
import cz.proklik.mailer.template.TemplateFiles;
import cz.proklik.tracking.autologin.AutologinCodec;
import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** The test template, contacts and products shared by the render tests. */
public final class Fixtures {
    public static final KeyRing KEYS = KeyRing.parse("k1 active " + "A".repeat(43));
    public static final KeyRing LOGIN_KEYS = KeyRing.parse("l1 active " + "B".repeat(43));
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    public static final List<ErpProduct> PRODUCTS = List.of(
            new ErpProduct("P1", "SKU-COFFEE-1KG", "Káva zrnková 1 kg", "coffee", new BigDecimal("459.0000"),
                    "https://shop.example.com/img/coffee-1kg.jpg"),
            new ErpProduct("P2", "SKU-MUG-WHITE", "Hrnek bílý", "accessories", new BigDecimal("149.5000"),
                    "https://shop.example.com/img/mug-white.jpg"));

    private Fixtures() {
    }

    public static Path templateDir(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/templates/" + name + "/template.properties").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static StoredTemplate spring() {
        try {
            return TemplateFiles.read(templateDir("spring"), CLOCK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static StoredTemplateVersion version(StoredTemplate t, String language) {
        return t.versions().stream().filter(v -> v.language().equals(language)).findFirst().orElseThrow();
    }

    public static ErpContact jana() {
        return new ErpContact("R1001", "jana.novakova@example.com", "Jana", "Nováková", "cs", "Praha", "CZ",
                "ORG-3", true, null, "Jano", "Nováková", "F");
    }

    public static RenderSettings settings(String baseUrl, boolean greeting, List<ErpProduct> products) {
        return new RenderSettings("C2026-SPRING", "Jarní novinky", new UtmParameters("newsletter", "2026-12-01_jarni_novinky"),
                greeting, products, baseUrl, new LinkCodec(KEYS), new AutologinCodec(LOGIN_KEYS), Duration.ofDays(14),
                "https://shop.example.com/newsletter/{campaign}", CLOCK);
    }
}
