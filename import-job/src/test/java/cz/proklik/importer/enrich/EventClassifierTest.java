package cz.proklik.importer.enrich;

import cz.proklik.tracking.event.EventType;
import cz.proklik.tracking.event.TrackingEvent;
import cz.proklik.tracking.event.TrackingEventBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventClassifierTest {
    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";
    static final String IPHONE_MAIL = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Mobile/15E148";
    static final String GMAIL_PROXY = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";
    static final String OUTLOOK = "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17029; Pro)";

    static EventClassifier classifier;

    @BeforeAll
    static void loadRules() {
        // Loading Yauaa's rules takes seconds: once for the class.
        classifier = new EventClassifier(new UserAgentClassifier(1000), List.of("192.0.2.0/24"), List.of("17.0.0.0/8"));
    }

    private static TrackingEvent event(EventType type, String method, String ua, String ip) {
        TrackingEventBuilder event = type == EventType.CLICK ? TrackingEventBuilder.click()
                : type == EventType.OPEN ? TrackingEventBuilder.open() : TrackingEventBuilder.unsubscribe();
        return event.time(Instant.now()).method(method).variant("").clientIp(ip).userAgent(ua).node("n1").build();
    }

    @Test
    void aPersonClickingInABrowserIsClean() {
        Classification f = classifier.classify(event(EventType.CLICK, "GET", CHROME, "203.0.113.7"));
        assertThat(f.clean()).isTrue();
        assertThat(f.userAgent().agentName()).isEqualTo("Chrome");
        assertThat(f.userAgent().deviceClass()).isEqualTo("Desktop");

        assertThat(classifier.classify(event(EventType.OPEN, "GET", OUTLOOK, "203.0.113.7")).clean()).isTrue();
        assertThat(classifier.classify(event(EventType.CLICK, "GET", IPHONE_MAIL, "203.0.113.7")).clean()).isTrue();
    }

    @Test
    void aBrowserOnAPersonsDeviceIsAPersonUnlessMatomosListAlsoNamesABot() {
        // Real agents of uap-core's device test cases: Yauaa reads a phone, tablet or television and a browser; isbot
        // matches a word or the shape of the agent (a device name, Google's own app, spaces taken out by an app).
        for (String ua : List.of("Opera/9.80 (Linux armv6l; U; NETRANGEMMH;HbbTV/1.1.1;CE-HTML/1.0;THOMSON LF1V394;"
                        + " en) Presto/2.10.250 Version/11.60",
                "Mozilla/5.0 (Linux; GoogleTV 3.2; NSZ-GS7/GX70 Build/MASTER) AppleWebKit/534.24 (KHTML, like Gecko)"
                        + " Chrome/11.0.696.77 Safari/534.24",
                "Mozilla/5.0 (Linux; Android 4.1.2; IM-A850 S/K Build/VEGAVIET.COM JELLYBEAN V1.0) AppleWebKit/537.36"
                        + " (KHTML, like Gecko) Chrome/30.0.1599.82 Mobile Safari/537.36",
                "Mozilla/5.0 (iPad4,2; iPad; U; CPU OS 7_0_4 like Mac OS X; de_DE) com.google.GooglePlus/29676"
                        + " (KHTML, like Gecko) Mobile/J72AP (gzip)",
                "Mozilla/5.0+(iPhone;+CPU+iPhone+OS+9_3_1+like+Mac+OS+X)+AppleWebKit/601.1.46+(KHTML,+like+Gecko)"
                        + "+Version/9.0+Mobile/13E238+Safari/601.1",
                "Mozilla/5.0 (Linux; Android 6.0.1; ATH-AL00 Build/HONORATH-AL00; wv) AppleWebKit/537.36 (KHTML, like"
                        + " Gecko) Version/4.0 Chrome/53.0.2785.124 Mobile Safari/537.36 JsKit/1.0 (Android)"
                        + " SohuNews/5.7.3 BuildCode/113")) {
            assertThat(BotList.isbot().matches(ua)).as(ua).isTrue();
            assertThat(classifier.classify(event(EventType.CLICK, "GET", ua, "203.0.113.7")).clean()).as(ua).isTrue();
        }
        // Tools on a phone agent (crawler-user-agents), which Matomo's list names: Lighthouse, WooRank, Sitebulb.
        for (String ua : List.of("Mozilla/5.0 (Linux; Android 7.0; Moto G (4)) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/98.0.4695.0 Mobile Safari/537.36 Chrome-Lighthouse",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 11_0 like Mac OS X) AppleWebKit/604.1.38 (KHTML, like Gecko)"
                        + " Version/11.0 Mobile/15A372 Safari/604.1 (compatible; woorankreview/2.0;"
                        + " +https://www.woorank.com/)",
                "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/126.0.6439.0 Mobile Safari/537.36 +https://sitebulb.com")) {
            assertThat(classifier.classify(event(EventType.CLICK, "GET", ua, "203.0.113.7")).botUserAgent()).as(ua)
                    .isTrue();
        }
        // On a desktop agent, which every tool imitates, isbot's verdict stands alone.
        String playwright = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/120.0.0.0 Safari/537.36 Playwright/1.40.0";
        assertThat(BotList.matomo().matches(playwright)).isFalse();
        assertThat(classifier.classify(event(EventType.CLICK, "GET", playwright, "203.0.113.7")).botUserAgent())
                .isTrue();
    }

    @Test
    void matomosListMatchesAsDeviceDetectorDoes_aNameStartsTheAgentOrFollowsASeparator() {
        BotList matomo = BotList.matomo();
        assertThat(matomo.version()).startsWith("node-device-detector ");
        assertThat(matomo.matches("AcoonBot/4.10.5 (+http://www.acoon.de/robot.asp)")).isTrue();
        assertThat(matomo.matches("Mozilla/5.0 (compatible; AcoonBot/4.10.5)")).isTrue();
        assertThat(matomo.matchingPattern("Mozilla/5.0 (compatible; AcoonBot/4.10.5)")).isEqualTo("Acoon (Search bot)");
        // inside another word the name is not the bot's: device-detector's prefix refuses a letter or digit before it
        assertThat(matomo.matches("Aboundex/0.3")).isTrue();
        assertThat(matomo.matches("XAboundex/0.3")).isFalse();
        assertThat(matomo.matches("")).isFalse();
    }

    @Test
    void crawlersScriptsAndEmptyAgentsAreBots() {
        for (String ua : List.of("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                "curl/8.0.1", "python-requests/2.31.0", "Go-http-client/1.1", "")) {
            assertThat(classifier.classify(event(EventType.CLICK, "GET", ua, "203.0.113.7")).botUserAgent())
                    .as(ua).isTrue();
        }
    }

    @Test
    void linkScannersAreFlaggedByAgentAndByConfiguredAddress() {
        assertThat(classifier.classify(event(EventType.CLICK, "GET", "Barracuda Sentinel (EE)", "203.0.113.7"))
                .securityScanner()).isTrue();
        Classification preview = classifier.classify(event(EventType.CLICK, "GET", "Mozilla/5.0 (Windows NT 10.0; Win64; "
                + "x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/100.0.4896.127 Safari/537.36 Edg/100.0.1185.44 "
                + "BingPreview/1.0b", "203.0.113.7"));
        assertThat(preview.clean()).isFalse();
        assertThat(preview.botUserAgent()).as("a named robot, even on a cloud host").isTrue();
        Classification crawler = classifier.classify(event(EventType.CLICK, "GET",
                "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "66.249.66.1"));
        assertThat(crawler.securityScanner()).as("Googlebot runs on Google Cloud but is a crawler").isFalse();
        Classification gatewayWithBrowserUa = classifier.classify(event(EventType.CLICK, "GET", CHROME, "192.0.2.44"));
        assertThat(gatewayWithBrowserUa.securityScanner()).isTrue();
        assertThat(gatewayWithBrowserUa.botUserAgent()).isFalse();
    }

    @Test
    void headRequestsArePrefetches() {
        assertThat(classifier.classify(event(EventType.CLICK, "HEAD", CHROME, "203.0.113.7")).prefetch()).isTrue();
        assertThat(classifier.classify(event(EventType.CLICK, "GET", CHROME, "203.0.113.7")).prefetch()).isFalse();
    }

    @Test
    void appleMailPrivacyProtectionOpensAreSuspectButMailImageProxiesCountAsOpens() {
        assertThat(classifier.classify(event(EventType.OPEN, "GET", "Mozilla/5.0", "203.0.113.7")).mppSuspect()).isTrue();
        assertThat(classifier.classify(event(EventType.OPEN, "GET", IPHONE_MAIL, "17.58.1.9")).mppSuspect()).isTrue();
        assertThat(classifier.classify(event(EventType.CLICK, "GET", IPHONE_MAIL, "17.58.1.9")).mppSuspect())
                .as("MPP only pre-fetches images, it never clicks").isFalse();

        Classification gmail = classifier.classify(event(EventType.OPEN, "GET", GMAIL_PROXY, "66.249.84.1"));
        assertThat(gmail.clean()).as("Gmail fetches the pixel when the person opens the e-mail").isTrue();
        assertThat(classifier.classify(event(EventType.OPEN, "GET",
                "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html", "98.136.1.1")).clean()).isTrue();
    }

    @Test
    void addressesAreShortenedToTheirNetwork() {
        IpAnonymizer on = new IpAnonymizer(true);
        assertThat(on.anonymize("203.0.113.77")).isEqualTo("203.0.113.0");
        assertThat(on.anonymize("2001:db8:1234:5678:9abc:def0:1234:5678")).isEqualTo("2001:db8:1234::");
        assertThat(on.anonymize("")).isEmpty();
        assertThat(new IpAnonymizer(false).anonymize("203.0.113.77")).isEqualTo("203.0.113.77");
        assertThat(on.anonymize("8.8.8.8")).isEqualTo("8.8.8.0");
        assertThat(on.anonymize("255.255.255.255")).isEqualTo("255.255.255.0");
        for (String odd : new String[]{"1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "1..2.3", "1.2.3.", "a.b.c.d"}) {
            assertThat(IpAnonymizer.ipv4Network(odd)).as(odd).isNull();
        }
    }
}
