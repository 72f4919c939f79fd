package cz.proklik.erp.aggregate;

import cz.proklik.erp.aggregate.FoldDelta.ClickKey;
import cz.proklik.erp.aggregate.FoldDelta.ClickRow;
import cz.proklik.erp.aggregate.FoldDelta.LinkKey;
import cz.proklik.erp.aggregate.FoldDelta.LinkRow;
import cz.proklik.erp.aggregate.FoldDelta.RecipientKey;
import cz.proklik.erp.aggregate.FoldDelta.RecipientRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The rebuild's sorted runs and their merge, without a database: the merge must equal one delta of all events. */
class RunMergeTest {

    /** One counted event as the fold sees it. */
    private record Event(String campaign, String recipient, String link, boolean click, boolean clean, long time,
                         String variant, String eventId) {
    }

    @Test
    void equalKeysAcrossThreeRunsCombineExactlyAsOneDeltaOfAllTheirEventsWould(@TempDir Path dir) throws IOException {
        List<Event> events = events();
        List<List<Event>> thirds = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < events.size(); i++) {
            thirds.get(i % 3).add(events.get(i)); // every recipient with several events lands in several runs
        }
        List<Path> recipientRuns = new ArrayList<>();
        List<Path> linkRuns = new ArrayList<>();
        List<Path> clickRuns = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FoldDelta part = delta(thirds.get(i));
            recipientRuns.add(dir.resolve(i + ".recipients"));
            linkRuns.add(dir.resolve(i + ".links"));
            clickRuns.add(dir.resolve(i + ".clicks"));
            SortedRunWriter.write(recipientRuns.get(i), part.recipients, RunCodec.RECIPIENTS);
            SortedRunWriter.write(linkRuns.get(i), part.links, RunCodec.LINKS);
            SortedRunWriter.write(clickRuns.get(i), part.cleanClicks, RunCodec.CLEAN_CLICKS);
        }
        FoldDelta whole = delta(events);
        List<Map.Entry<ClickKey, ClickRow>> mergedClicks = new ArrayList<>();
        RunMerge.merge(clickRuns, RunCodec.CLEAN_CLICKS, (k, r) -> mergedClicks.add(Map.entry(k, r)));
        List<Map.Entry<ClickKey, ClickRow>> allClicks = new ArrayList<>(whole.cleanClicks);
        allClicks.sort(Map.Entry.comparingByKey());
        assertThat(mergedClicks).as("every clean click once, in the order of pkl_agg_click's key")
                .hasSizeGreaterThan(50).containsExactlyElementsOf(allClicks);

        Map<RecipientKey, List<Object>> mergedRecipients = new LinkedHashMap<>();
        long recipientKeys = RunMerge.merge(recipientRuns, RunCodec.RECIPIENTS,
                (k, r) -> assertThat(mergedRecipients.put(k, fields(r))).as("each key once").isNull());
        Map<LinkKey, List<Object>> mergedLinks = new LinkedHashMap<>();
        RunMerge.merge(linkRuns, RunCodec.LINKS,
                (k, r) -> assertThat(mergedLinks.put(k, fields(r))).as("each key once").isNull());

        assertThat(recipientKeys).isEqualTo(whole.recipients.size());
        assertThat(new ArrayList<>(mergedRecipients.keySet())).as("in key order").isSorted();
        assertThat(new ArrayList<>(mergedLinks.keySet())).isSorted();
        Map<RecipientKey, List<Object>> expectedRecipients = new TreeMap<>();
        whole.recipients.forEach((k, r) -> expectedRecipients.put(k, fields(r)));
        Map<LinkKey, List<Object>> expectedLinks = new TreeMap<>();
        whole.links.forEach((k, r) -> expectedLinks.put(k, fields(r)));
        assertThat(mergedRecipients).containsExactlyEntriesOf(expectedRecipients);
        assertThat(mergedLinks).containsExactlyEntriesOf(expectedLinks);

        // The cases that matter are in the data: a recipient in all three runs whose variant differs between them
        // (the largest wins), one with no variant at all, one with clicks only in one run.
        RecipientKey r1 = new RecipientKey("C1", "r001");
        assertThat(Stream.of(0, 1, 2).filter(i -> delta(thirds.get(i)).recipients.containsKey(r1))).hasSize(3);
        assertThat(mergedRecipients.get(r1).get(0)).isEqualTo("B");
        assertThat(mergedRecipients.get(new RecipientKey("C1", "r002")).get(0)).isNull();
    }

    @Test
    void aRunOfNoRowsAndNoRunsMergeToNothing(@TempDir Path dir) throws IOException {
        Path empty = dir.resolve("empty.recipients");
        SortedRunWriter.write(empty, Map.of(), RunCodec.RECIPIENTS);
        List<RecipientKey> keys = new ArrayList<>();
        assertThat(RunMerge.merge(List.of(empty), RunCodec.RECIPIENTS, (k, r) -> keys.add(k))).isZero();
        assertThat(RunMerge.merge(List.of(), RunCodec.RECIPIENTS, (k, r) -> keys.add(k))).isZero();
        assertThat(keys).isEmpty();
    }

    @Test
    void aRebuildsFolderIsDeletedWhenItClosesAndTheLeftoversOfAnotherRunOnlyByItsId(@TempDir Path root)
            throws IOException {
        String runId = UUID.randomUUID().toString();
        RebuildRuns runs = RebuildRuns.create(root, runId);
        runs.spill(delta(events()));
        assertThat(runs.runs()).isEqualTo(1);
        assertThat(runs.bytes()).isPositive();
        try (Stream<Path> files = Files.list(runs.folder())) {
            assertThat(files.mapToLong(RunMergeTest::size).sum()).isEqualTo(runs.bytes());
        }
        Path unrelated = Files.createDirectories(root.resolve("rebuild-not-a-run-id"));

        RebuildRuns.deleteLeftoversOf(root, "../" + root.getFileName()); // from the database: never a path
        RebuildRuns.deleteLeftoversOf(root, UUID.randomUUID().toString()); // nothing there
        assertThat(runs.folder()).isDirectory();
        RebuildRuns.deleteLeftoversOf(root, runId);
        assertThat(runs.folder()).doesNotExist();
        runs.close(); // its own folder already gone: nothing to do
        assertThat(unrelated).isDirectory();

        RebuildRuns second = RebuildRuns.create(root, UUID.randomUUID().toString());
        second.spill(delta(events()));
        second.close();
        try (Stream<Path> left = Files.list(root)) {
            assertThat(left).containsExactly(unrelated);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Two campaigns, 40 recipients, three links; opens and clicks, clean or not, variants A and B. */
    private static List<Event> events() {
        Random random = new Random(18);
        List<Event> events = new ArrayList<>();
        long t0 = 1_793_000_000_000L;
        for (int i = 0; i < 600; i++) {
            String campaign = i % 5 == 0 ? "C2" : "C1";
            String recipient = "r%03d".formatted(1 + random.nextInt(40));
            boolean click = random.nextInt(3) == 0;
            String variant = switch (recipient) {
                case "r001" -> i % 2 == 0 ? "A" : "B"; // differs between events and runs
                case "r002" -> null;
                default -> random.nextInt(10) == 0 ? null : "A";
            };
            events.add(new Event(campaign, recipient, click ? "link" + random.nextInt(3) : "", click,
                    random.nextInt(4) != 0, t0 + random.nextInt(86_400_000), variant, new UUID(18, i).toString()));
        }
        // r001 in every third: three events in a row, so one in each run.
        for (int i = 0; i < 3; i++) {
            events.add(new Event("C1", "r001", "", false, true, t0 + i, i == 1 ? "B" : "A", new UUID(19, i).toString()));
        }
        return events;
    }

    /** What {@link FoldDelta} sums from these events (its read does the same per result row). */
    private static FoldDelta delta(List<Event> events) {
        FoldDelta delta = new FoldDelta();
        for (Event e : events) {
            delta.recipients.computeIfAbsent(new RecipientKey(e.campaign(), e.recipient()), k -> new RecipientRow())
                    .add(e.click(), e.clean(), e.time(), e.variant());
            if (e.click()) {
                delta.links.computeIfAbsent(new LinkKey(e.campaign(), e.recipient(), e.link()), k -> new LinkRow())
                        .add(e.clean(), e.time());
                if (e.clean()) {
                    delta.cleanClicks.add(Map.entry(new ClickKey(e.recipient(), e.time(), e.eventId()),
                            new ClickRow(e.campaign(), e.link())));
                }
            }
        }
        return delta;
    }

    private static List<Object> fields(RecipientRow r) {
        return Arrays.asList(r.variant, r.opensRaw, r.opensClean, r.firstOpenRaw, r.lastOpenRaw, r.firstOpenClean,
                r.lastOpenClean, r.clicksRaw, r.clicksClean, r.firstClickRaw, r.lastClickRaw, r.firstClickClean,
                r.lastClickClean);
    }

    private static List<Object> fields(LinkRow r) {
        return Arrays.asList(r.clicksRaw, r.clicksClean, r.firstClickRaw, r.lastClickRaw, r.firstClickClean,
                r.lastClickClean);
    }
}
