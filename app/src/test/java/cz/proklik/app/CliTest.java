package cz.proklik.app;

import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.LinkKind;
import cz.proklik.tracking.link.LinkVerification;
import cz.proklik.tracking.link.TrackingLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {
    @TempDir
    Path home;

    private Map<String, String> env() {
        return Map.of("PROKLIK_HOME", home.toString());
    }

    @Test
    void keysAreGeneratedListedAndRetiredWithoutEverPrintingASecret() throws Exception {
        Cli.Result first = Cli.run(env(), "keys", "generate");
        Cli.Result second = Cli.run(env(), "keys", "generate");
        assertThat(first.exitCode()).isZero();
        assertThat(second.exitCode()).isZero();
        KeyRing ring = KeyRing.load(home.resolve("keys"));
        assertThat(ring.keys()).hasSize(2);
        String newest = ring.keys().get(0).id();
        String older = ring.keys().get(1).id();

        Cli.Result list = Cli.run(env(), "keys", "list");
        assertThat(list.out()).contains(newest + "\tactive\tsigning").contains(older + "\tactive");
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(ring.keys().get(0).secret());
        assertThat(list.out() + first.out() + second.out()).doesNotContain(secret);

        assertThat(Cli.run(env(), "keys", "retire", older).exitCode()).isZero();
        assertThat(Cli.run(env(), "keys", "list").out()).contains(older + "\tretired");
        assertThat(Cli.run(env(), "keys", "retire", "k-nope").exitCode()).isEqualTo(2);
    }

    @Test
    void aMintedLinkVerifiesWithTheSameKeyRing() throws Exception {
        Cli.Result r = Cli.run(env(), "link", "--campaign", "C2026-11", "--recipient", "R42", "--link", "hero",
                "--variant", "B", "--target", "https://shop.example.com/sale", "--base-url", "https://t.example.com");

        assertThat(r.exitCode()).isZero();
        String url = r.out().strip();
        assertThat(url).startsWith("https://t.example.com/c/1.");
        LinkCodec codec = new LinkCodec(KeyRing.load(home.resolve("keys")));
        assertThat(codec.verify(LinkKind.CLICK, url.substring("https://t.example.com/c/".length())))
                .isInstanceOfSatisfying(LinkVerification.Valid.class, v -> assertThat(v.link()).isEqualTo(
                        TrackingLink.click("C2026-11", "R42", "hero", "B", "https://shop.example.com/sale")));

        Cli.Result open = Cli.run(env(), "link", "--kind", "open", "--campaign", "C1", "--recipient", "R1",
                "--base-url", "https://t.example.com");
        assertThat(open.out()).startsWith("https://t.example.com/o/1.");
    }

    @Test
    void wrongInputGetsAClearMessageAndExitCodeTwo() {
        Cli.Result badTarget = Cli.run(env(), "link", "--campaign", "C1", "--recipient", "R1", "--link", "x",
                "--target", "javascript:alert(1)");
        assertThat(badTarget.exitCode()).isEqualTo(2);
        assertThat(badTarget.err()).contains("target must be an absolute http(s) URL");

        Cli.Result missing = Cli.run(env(), "link", "--campaign", "C1");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--recipient");

        Cli.Result unknown = Cli.run(env(), "frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(2);

        Cli.Result noConfig = Cli.run(Map.of("PROKLIK_HOME", home.toString(), "PROKLIK_CONFIG",
                home.resolve("missing.properties").toString()), "keys", "list");
        assertThat(noConfig.exitCode()).isEqualTo(2);
        assertThat(noConfig.err()).contains("does not exist");

        Cli.Result negativeRetention = Cli.run(Map.of("PROKLIK_HOME", home.toString(),
                "PROKLIK_RETENTION_FILES_DAYS", "-1"), "import");
        assertThat(negativeRetention.exitCode()).isEqualTo(2);
        assertThat(negativeRetention.err()).contains("retention days must be 0 (keep for ever) or more");
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheUserFileWhichBeatsTheDefaults() throws Exception {
        String[] link = {"link", "--kind", "open", "--campaign", "C1", "--recipient", "R1"};
        assertThat(Cli.run(env(), link).out()).as("built-in default").startsWith("http://localhost:8080/o/");

        Files.writeString(home.resolve("proklik.properties"), "proklik.link.base-url=https://from-file.example\n");
        assertThat(Cli.run(env(), link).out()).startsWith("https://from-file.example/o/");

        Map<String, String> withEnv = Map.of("PROKLIK_HOME", home.toString(),
                "PROKLIK_LINK_BASE_URL", "https://from-env.example");
        assertThat(Cli.run(withEnv, link).out()).startsWith("https://from-env.example/o/");

        String[] withFlag = Stream.concat(Arrays.stream(link),
                Stream.of("--base-url", "https://from-flag.example")).toArray(String[]::new);
        assertThat(Cli.run(withEnv, withFlag).out()).startsWith("https://from-flag.example/o/");
    }

    @Test
    void keysFromTheEnvironmentNeedNoFile() {
        String ring = "kenv active " + "A".repeat(43);
        Cli.Result r = Cli.run(Map.of("PROKLIK_HOME", home.toString(), "PROKLIK_KEYS", ring),
                "link", "--campaign", "C1", "--recipient", "R1", "--link", "l", "--target", "https://x.example/");

        assertThat(r.out()).contains("/c/1.kenv.");
        assertThat(home.resolve("keys")).doesNotExist();
    }

    @Test
    void helpListsEveryServeOptionWithItsValueInForce() {
        Cli.Result help = Cli.run(env(), "serve", "--help");
        assertThat(help.out()).contains("--port", "--log-dir", "--node", "--fallback-url", "--trusted-proxies",
                "--admin-allowed-from", "--allowed-target-hosts", "--max-header-size", "--rotate-size",
                "--rotate-interval", "--[no-]fsync", "--io-threads", "(8080)", home.resolve("clicklog").toString());
    }
}
