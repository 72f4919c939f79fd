package cz.proklik.importer.enrich;

import cz.proklik.tracking.event.EventIds;
import cz.proklik.tracking.event.EventType;
import cz.proklik.tracking.event.TrackingEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules version 3 (docs/flags.md) on real agents of each kind the issue names: machines flagged, people clean. */
class BotListTest {
    static EventClassifier classifier;

    @BeforeAll
    static void loadRules() {
        classifier = new EventClassifier(new UserAgentClassifier(1000), List.of(), List.of("17.0.0.0/8"));
    }

    static Classification click(String ua) {
        return classifier.classify(event(EventType.CLICK, ua));
    }

    static Classification open(String ua) {
        return classifier.classify(event(EventType.OPEN, ua));
    }

    static TrackingEvent event(EventType type, String ua) {
        boolean click = type == EventType.CLICK;
        return new TrackingEvent(EventIds.next(), Instant.now(), type, "GET", "C1", "R1", click ? "hero" : "", "",
                click ? "https://shop.example.com/" : "", "k1", "", "203.0.113.7", ua, "n1", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // link-preview fetchers
            "WhatsApp/2.23.20.0 A",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            // site monitors and synthetic checks
            "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/119.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
                    + "Safari/537.36 Ghost Inspector",
            "Mozilla/5.0 (compatible; Uptimiabot/1.0; +http://www.uptimia.com/)",
            "Mozilla/5.0 (compatible; Cloudflare-Observatory/1.0; +https://developers.cloudflare.com/speed/observatory/)",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
                    + "Safari/537.36 DMBrowser/2.1 (SV)",
            // browser automation and AI agents
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.28 "
                    + "Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 "
                    + "Playwright/1.40.0",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 "
                    + "Devin/1.0; +devin.ai",
            // Google's fetchers that are not Googlebot
            "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/120.0.6099.199 Mobile Safari/537.36 (compatible; Google-InspectionTool/1.0;)",
            "Mozilla/5.0 (compatible; Google-InspectionTool/1.0;)",
            "Google-Ads-Conversions",
            "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/120.0.0.0 Mobile Safari/537.36 (compatible; Google-AMPHTML)",
            "Mozilla/5.0 (compatible; Google-Site-Verification/1.0)",
            // security checkers
            "Mozilla/5.0 (compatible; Detectify) +https://detectify.com/bot/",
            "SecurityHeaders.com/1.0",
            // crawlers with a URL in their agent
            "Mozilla/5.0 (compatible; MyCrawler/2.3; +https://crawler.example.org/about)",
            // scripts
            "curl/8.4.0", "python-requests/2.31.0", "Go-http-client/2.0", "Java/17.0.9", ""})
    void machinesAreFlagged(String ua) {
        assertThat(click(ua).clean()).as(ua).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
                    + "Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 "
                    + "Mobile Safari/537.36",
            // UC Browser's own agent format, and its dv(...) device token
            "Mozilla/5.0 (Linux; U; Android 10; en-US; SM-A107F Build/QP1A.190711.020) AppleWebKit/537.36 "
                    + "(KHTML, like Gecko) Version/4.0 Chrome/78.0.3904.108 UCBrowser/13.4.0.1306 Mobile Safari/537.36",
            "UCWEB/2.0 (MIDP-2.0; U; Adr 9; en-US; SM-J600G) U2/1.0.0 UCBrowser/11.6.2.1301 (UCMini) U2/1.0.0 Mobile",
            "Mozilla/5.0 (Linux; U; Android 11; en-US; dv(RMX2185);pr(UCBrowser/13.4.0.1306);ov(11);ss(360x720);"
                    + "bt(GJ);pm(1);bv(0);nm(0);im(0);sr(0);nt(1);) U2/1.0.0 UCBrowser/13.4.0.1306 Mobile",
            "dv(iPh12,1);pr(UCBrowser/13.4.0.1306);ov(14_4);ss(414x896);bt(UC);pm(0);bv(0);nm(0);im(0);nt(1);",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 16_1 like Mac OS X; en-US) AppleWebKit/537.51.1 (KHTML, like Gecko) "
                    + "Mobile/20B82 UCBrowser/13.5.9.1980 Mobile AliApp(TUnionSDK/0.1.20.4)",
            // mail apps that send a bare iPhone model token
            "iPhone14,2", "iPhone15,3/17.1.2",
            "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17029; Pro)",
            "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"})
    void peopleStayClean(String ua) {
        assertThat(click(ua).clean()).as(ua).isTrue();
        assertThat(open(ua).clean()).as(ua).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
            "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html",
            "Mozilla/5.0 (compatible; SeznamEmailProxy/1.0; +https://napoveda.seznam.cz/)",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
                    + "Safari/537.36 (via secureurl.fwdcdn.com)",
            // Rambler's: a mail proxy that Matomo's list names and no rule of ours does
            "RamblerMail/6.0 (incompatible; ImageProxy/6.0)"})
    void mailProxiesOpensAreClean_andWhateverElseTheyFetchIsAPrefetch(String ua) {
        assertThat(open(ua).clean()).as("open by " + ua).isTrue();
        Classification click = click(ua);
        assertThat(click.prefetch()).as("click by " + ua).isTrue();
        assertThat(click.clean()).isFalse();
    }
}
