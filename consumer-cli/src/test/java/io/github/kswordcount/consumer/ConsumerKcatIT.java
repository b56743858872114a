package io.github.kswordcount.consumer;

import static io.github.kswordcount.localkafka.KafkaIo.header;
import static io.github.kswordcount.localkafka.KafkaIo.record;
import static io.github.kswordcount.localkafka.KafkaIo.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kswordcount.localkafka.JavaTool;
import io.github.kswordcount.localkafka.KafkaIo;
import io.github.kswordcount.localkafka.LocalKafka;
import io.github.kswordcount.localkafka.LocalKafkaExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What kcat users reach for, on a real broker: {@code --exit-at-end} (kcat {@code -e}), {@code --from-time} and
 * {@code --to-time} (kcat {@code -o s@}, {@code -o e@}), {@code --formatter json} (kcat {@code -J}) and
 * {@code --format} (kcat {@code -f}). Each case is one run of our fat jar; outputs are compared exactly.
 */
@ExtendWith(LocalKafkaExtension.class)
class ConsumerKcatIT {

  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
  /** Recent timestamps: the broker's 7-day retention would delete older records once a segment rolls. */
  private static final long BASE = System.currentTimeMillis() - 3_600_000L;
  private static final String TIMED = "timed";
  private static final String CORPUS = "corpus";
  private static final byte[] NOT_UTF8 = {(byte) 0x80, 'a', (byte) 0xFF, 0, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
  private static final Pattern STOPS = Pattern.compile("every partition is at its stop \\(--exit-at-end, "
      + "--to-time\\): (\\S+-\\d+ at offset \\d+(, \\S+-\\d+ at offset \\d+)*)");
  private static String bootstrap;

  @BeforeAll
  static void topics(LocalKafka kafka) {
    bootstrap = kafka.bootstrapServers();
    kafka.createTopic(TIMED, 3, 1);
    List<ProducerRecord<byte[], byte[]>> timed = new ArrayList<>();
    long[][] times = {{0, 10, 20, 30, 40}, {5, 15, 25, 35, 12}, {1, 2}};
    for (int p = 0; p < times.length; p++) {
      for (int o = 0; o < times[p].length; o++) {
        timed.add(record(TIMED, p, BASE + times[p][o], null, utf8("p" + p + "-" + o)));
      }
    }
    KafkaIo.sendBytes(bootstrap, timed);
    kafka.createTopic(CORPUS, 1, 1);
    KafkaIo.sendBytes(bootstrap, List.of(
        record(CORPUS, 0, BASE, utf8("k1"), utf8("v1")),
        record(CORPUS, 0, BASE + 1, null, utf8("no key")),
        record(CORPUS, 0, BASE + 2, utf8("tombstone"), null),
        record(CORPUS, 0, BASE + 3, null, null),
        record(CORPUS, 0, BASE + 4, utf8("h"), utf8("headers"), header("h", "1"), header("a", null),
            header("h", "2"), header("ключ", "значение")),
        record(CORPUS, 0, BASE + 5, NOT_UTF8, NOT_UTF8, new RecordHeader("bin", NOT_UTF8)),
        record(CORPUS, 0, BASE + 6, utf8("Ключ 😀"), utf8("tab\there \"quoted\" \\ back\nslash")),
        record(CORPUS, 0, BASE + 7, utf8(""), utf8(""))));
  }

  @Test
  void exitAtEndOnAnEmptyTopicExitsZeroAtOnce(LocalKafka kafka) {
    kafka.createTopic("empty", 1, 1);
    JavaTool.Result result = run("--topic", "empty", "--exit-at-end");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.processedLine()).isEqualTo("Processed a total of 0 messages");
    assertThat(stops(result)).isEqualTo("empty-0 at offset 0");
  }

  /** With {@code --include}: the ends of every partition of every topic matched. */
  @Test
  void exitAtEndReadsEveryPartitionOfAThreePartitionTopicToItsEnd() {
    JavaTool.Result result = run("--include", "^timed$", "--from-beginning", "--exit-at-end", "--format",
        "%p %o %s\\n");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(sorted(result.out())).containsExactly("0 0 p0-0", "0 1 p0-1", "0 2 p0-2", "0 3 p0-3", "0 4 p0-4",
        "1 0 p1-0", "1 1 p1-1", "1 2 p1-2", "1 3 p1-3", "1 4 p1-4", "2 0 p2-0", "2 1 p2-1");
    assertThat(result.processedLine()).isEqualTo("Processed a total of 12 messages");
    assertThat(stops(result)).isEqualTo("timed-0 at offset 5, timed-1 at offset 5, timed-2 at offset 2");
  }

  /**
   * A writer keeps appending to both partitions while the consumer runs: it prints each partition exactly up to
   * the end offset it took when the partition was assigned (which it names), in order, and exits 0 while the
   * writer goes on.
   */
  @Test
  void exitAtEndOnATopicStillBeingWrittenStopsAtTheEndsItSaw(LocalKafka kafka) throws Exception {
    kafka.createTopic("live", 2, 1);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong written = new AtomicLong();
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> write("live", writing, written));
    try {
      await("records written before the consumer starts").atMost(Duration.ofSeconds(30))
          .until(() -> written.get() >= 200);
      long writtenBefore = written.get();
      JavaTool.Result result = run("--topic", "live", "--from-beginning", "--exit-at-end", "--format",
          "%p %o %s\\n");
      long writtenAfter = written.get();
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      Map<Integer, Long> ends = new HashMap<>();
      Matcher stop = Pattern.compile("live-(\\d) at offset (\\d+)").matcher(stops(result));
      while (stop.find()) {
        ends.put(Integer.parseInt(stop.group(1)), Long.parseLong(stop.group(2)));
      }
      assertThat(ends).containsOnlyKeys(0, 1);
      List<String> expected = new ArrayList<>();
      for (int p = 0; p < 2; p++) {
        for (long o = 0; o < ends.get(p); o++) {
          expected.add(p + " " + o + " p" + p + "-" + o);
        }
      }
      List<String> lines = result.out().lines().toList();
      assertThat(lines.stream().filter(l -> l.startsWith("0 ")).toList())
          .isEqualTo(expected.stream().filter(l -> l.startsWith("0 ")).toList());
      assertThat(lines.stream().filter(l -> l.startsWith("1 ")).toList())
          .isEqualTo(expected.stream().filter(l -> l.startsWith("1 ")).toList());
      long printed = ends.get(0) + ends.get(1);
      assertThat(result.processedLine()).isEqualTo("Processed a total of " + printed + " messages");
      // Every record acknowledged before the start is in; at most one acknowledged but not yet counted at the end.
      assertThat(printed).isBetween(writtenBefore, writtenAfter + 1);
      await("the writer going on past the ends the consumer saw").atMost(Duration.ofSeconds(30))
          .until(() -> KafkaIo.endOffsets(bootstrap, "live", 2).values().stream().mapToLong(Long::longValue)
              .sum() > printed);
    } finally {
      writing.set(false);
      writer.get();
    }
  }

  /**
   * ISO-8601 with an offset: each partition starts at its first record at or after the time, by offset (partition
   * 1's last record is older than the time but comes after, so it is read); partition 2 has none, so it starts at
   * its end and prints nothing.
   */
  @Test
  void fromTimeLandsOnTheFirstRecordAtOrAfterTheTimeOnEveryPartition() {
    String iso = Instant.ofEpochMilli(BASE + 20).atOffset(ZoneOffset.ofHours(2)).toString();
    JavaTool.Result result = run("--topic", TIMED, "--from-time", iso, "--exit-at-end", "--format",
        "%p %o %T %s\\n");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(sorted(result.out())).containsExactly(
        "0 2 " + (BASE + 20) + " p0-2", "0 3 " + (BASE + 30) + " p0-3", "0 4 " + (BASE + 40) + " p0-4",
        "1 2 " + (BASE + 25) + " p1-2", "1 3 " + (BASE + 35) + " p1-3", "1 4 " + (BASE + 12) + " p1-4");
    assertThat(stops(result)).isEqualTo("timed-0 at offset 5, timed-1 at offset 5, timed-2 at offset 2");
  }

  /**
   * {@code --to-time} alone ends the run: partition 1 read from its first record at or after the start time up to
   * the last at or before the stop time; its first record after it (offset 3) stops it, and the older record
   * behind that is not read.
   */
  @Test
  void toTimeStopsEachPartitionAtItsFirstRecordPastTheTimeAndExitsZero() {
    JavaTool.Result result = run("--topic", TIMED, "--partition", "1", "--from-time", Long.toString(BASE + 10),
        "--to-time", Long.toString(BASE + 30), "--format", "%o %s\\n");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.out()).isEqualTo("1 p1-1\n2 p1-2\n");
    assertThat(result.processedLine()).isEqualTo("Processed a total of 2 messages");
    assertThat(stops(result)).isEqualTo("timed-1 at offset 3");
  }

  /**
   * {@code --exit-at-end} beside the other ways to choose and to end: {@code --partition} and {@code --offset}
   * (that partition from there to its end; the default {@code latest} is its end already), {@code --max-messages}
   * (whichever comes first); and a partition that waits for a record after {@code --to-time} is ended by
   * {@code --timeout-ms}. ({@code --include}: {@link #exitAtEndReadsEveryPartitionOfAThreePartitionTopicToItsEnd}.)
   */
  @Test
  void exitAtEndAndToTimeMeetTheOtherOptions() {
    JavaTool.Result offset = run("--topic", TIMED, "--partition", "1", "--offset", "3", "--exit-at-end", "--format",
        "%o\\n");
    assertThat(offset.out()).as(offset.stderr()).isEqualTo("3\n4\n");
    assertThat(stops(offset)).isEqualTo("timed-1 at offset 5");

    JavaTool.Result latest = run("--topic", TIMED, "--partition", "2", "--exit-at-end");
    assertThat(latest.out()).as(latest.stderr()).isEmpty();
    assertThat(stops(latest)).isEqualTo("timed-2 at offset 2");

    JavaTool.Result max = run("--topic", TIMED, "--partition", "0", "--offset", "earliest", "--exit-at-end",
        "--max-messages", "4");
    assertThat(max.exitCode()).as(max.stderr()).isZero();
    assertThat(max.processedLine()).isEqualTo("Processed a total of 4 messages");
    assertThat(max.stderr()).doesNotContain("at its stop");

    // --timeout-ms bounds the first poll too: 500 ms could end it before the first fetch on a busy machine.
    JavaTool.Result idle = run("--topic", TIMED, "--partition", "2", "--from-time", Long.toString(BASE),
        "--to-time", Long.toString(BASE + 100), "--timeout-ms", "3000", "--format", "%s\\n");
    assertThat(idle.exitCode()).as(idle.stderr()).isZero();
    assertThat(idle.out()).isEqualTo("p2-0\np2-1\n");
    assertThat(idle.stderr()).contains("No message for 3000 ms (--timeout-ms): stopping").doesNotContain("at its stop");
  }

  @Test
  void jsonParsesWithJacksonForEveryRecordOfTheCorpus() throws IOException {
    JavaTool.Result result = run("--topic", CORPUS, "--from-beginning", "--exit-at-end", "--formatter", "json");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> records = new ArrayList<>();
    for (String line : result.out().split("\n", -1)) {
      if (!line.isEmpty()) {
        records.add(json.readTree(line));
      }
    }
    assertThat(result.out()).endsWith("\n");
    String b64 = Base64.getEncoder().encodeToString(NOT_UTF8);
    List<String> expected = List.of(
        expect(0, 0, "\"key\":\"k1\",\"value\":\"v1\",\"headers\":[]"),
        expect(1, 1, "\"key\":null,\"value\":\"no key\",\"headers\":[]"),
        expect(2, 2, "\"key\":\"tombstone\",\"value\":null,\"headers\":[]"),
        expect(3, 3, "\"key\":null,\"value\":null,\"headers\":[]"),
        expect(4, 4, "\"key\":\"h\",\"value\":\"headers\",\"headers\":[{\"key\":\"h\",\"value\":\"1\"},"
            + "{\"key\":\"a\",\"value\":null},{\"key\":\"h\",\"value\":\"2\"},"
            + "{\"key\":\"ключ\",\"value\":\"значение\"}]"),
        expect(5, 5, "\"key\":\"" + b64 + "\",\"keyEncoding\":\"base64\",\"value\":\"" + b64
            + "\",\"valueEncoding\":\"base64\",\"headers\":[{\"key\":\"bin\",\"value\":\"" + b64
            + "\",\"valueEncoding\":\"base64\"}]"),
        expect(6, 6, "\"key\":\"Ключ 😀\",\"value\":\"tab\\there \\\"quoted\\\" \\\\ back\\nslash\",\"headers\":[]"),
        expect(7, 7, "\"key\":\"\",\"value\":\"\",\"headers\":[]"));
    List<JsonNode> expectedTrees = new ArrayList<>();
    for (String text : expected) {
      expectedTrees.add(json.readTree(text));
    }
    assertThat(records).isEqualTo(expectedTrees);
    // Field order as documented, so the text itself is fixed too; Jackson writes a character outside the BMP as
    // its \\u escapes.
    assertThat(result.out().lines().toList()).isEqualTo(expected.stream()
        .map(line -> line.replace("😀", "\\uD83D\\uDE00")).toList());
  }

  @Test
  void formatPrintsAKnownTopicByteForByte() {
    JavaTool.Result result = run("--topic", CORPUS, "--from-beginning", "--exit-at-end", "--format",
        "%t\\t%p\\t%o\\t%T|%k|%s|%h|100%%\\n");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    String prefix = CORPUS + "\t0\t";
    expected.writeBytes(utf8(prefix + "0\t" + BASE + "|k1|v1||100%\n"));
    expected.writeBytes(utf8(prefix + "1\t" + (BASE + 1) + "||no key||100%\n"));
    expected.writeBytes(utf8(prefix + "2\t" + (BASE + 2) + "|tombstone|||100%\n"));
    expected.writeBytes(utf8(prefix + "3\t" + (BASE + 3) + "||||100%\n"));
    expected.writeBytes(utf8(prefix + "4\t" + (BASE + 4) + "|h|headers|h=1,a,h=2,ключ=значение|100%\n"));
    expected.writeBytes(utf8(prefix + "5\t" + (BASE + 5) + "|"));
    expected.writeBytes(NOT_UTF8);
    expected.writeBytes(utf8("|"));
    expected.writeBytes(NOT_UTF8);
    expected.writeBytes(utf8("|bin="));
    expected.writeBytes(NOT_UTF8);
    expected.writeBytes(utf8("|100%\n"));
    expected.writeBytes(utf8(prefix + "6\t" + (BASE + 6) + "|Ключ 😀|tab\there \"quoted\" \\ back\nslash||100%\n"));
    expected.writeBytes(utf8(prefix + "7\t" + (BASE + 7) + "||||100%\n"));
    assertThat(result.stdout()).isEqualTo(expected.toByteArray());
    assertThat(result.processedLine()).isEqualTo("Processed a total of 8 messages");
  }

  private static String expect(int offset, int timeDelta, String rest) {
    return "{\"topic\":\"" + CORPUS + "\",\"partition\":0,\"offset\":" + offset + ",\"timestamp\":" + (BASE + timeDelta)
        + ",\"timestampType\":\"CreateTime\"," + rest + "}";
  }

  private static JavaTool.Result run(String... options) {
    List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrap));
    args.addAll(List.of(options));
    return Tools.OURS.run(new byte[0], TOOL_TIMEOUT, args.toArray(String[]::new));
  }

  private static List<String> sorted(String out) {
    return out.lines().sorted().toList();
  }

  /** What the line at the end names: each partition and the offset it stopped at. */
  private static String stops(JavaTool.Result result) {
    Matcher matcher = STOPS.matcher(result.stderr());
    assertThat(matcher.find()).as("the stop line in %s", result.stderr()).isTrue();
    return matcher.group(1);
  }

  /** Writes p0-0, p1-0, p0-1, p1-1, ... (value = partition and offset) until told to stop. */
  private static void write(String topic, AtomicBoolean writing, AtomicLong written) {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
      long[] next = new long[2];
      while (writing.get()) {
        for (int p = 0; p < 2; p++) {
          producer.send(new ProducerRecord<>(topic, p, null, utf8("p" + p + "-" + next[p]++))).get();
          written.incrementAndGet();
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
