package cz.proklik.importer.enrich;

import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

/**
 * Classifies User-Agent headers with Yauaa, a maintained analyser whose rules know browsers, e-mail clients,
 * crawlers and cloud clients far better than any list we could keep. Parsing is cached: a campaign's clicks
 * come from a few thousand distinct user agents, so nearly every lookup is a cache hit. The rules load on first
 * use (seconds of CPU), so an import run that finds no new file does not pay for them.
 */
public final class UserAgentClassifier {
    private static final String AGENT_CLASS = UserAgent.AGENT_CLASS;
    private static final String AGENT_NAME = UserAgent.AGENT_NAME;
    private static final String DEVICE_CLASS = UserAgent.DEVICE_CLASS;
    private static final String OS_NAME = UserAgent.OPERATING_SYSTEM_NAME;

    private final int cacheSize;
    private volatile UserAgentAnalyzer analyzer;

    public UserAgentClassifier(int cacheSize) {
        this.cacheSize = cacheSize;
    }

    private UserAgentAnalyzer analyzer() {
        UserAgentAnalyzer loaded = analyzer;
        if (loaded == null) {
            synchronized (this) {
                loaded = analyzer;
                if (loaded == null) {
                    loaded = load(cacheSize);
                    analyzer = loaded;
                }
            }
        }
        return loaded;
    }

    private static UserAgentAnalyzer load(int cacheSize) {
        return UserAgentAnalyzer.newBuilder()
                .hideMatcherLoadStats()
                .withCache(cacheSize)
                .withField(AGENT_CLASS)
                .withField(AGENT_NAME)
                .withField(DEVICE_CLASS)
                .withField(OS_NAME)
                // Its own test cases are only for preheating and self-checks, neither used here: 24 of its 122 MB
                // of heap (session 12), room the import's page cache and garbage collector need.
                .dropTests()
                .immediateInitialization()
                .build();
    }

    public UserAgentClassifier() {
        this(20_000);
    }

    public UserAgentInfo classify(String userAgent) {
        UserAgent ua = analyzer().parse(userAgent == null ? "" : userAgent);
        return new UserAgentInfo(ua.getValue(AGENT_CLASS), ua.getValue(AGENT_NAME), ua.getValue(DEVICE_CLASS),
                ua.getValue(OS_NAME));
    }
}
