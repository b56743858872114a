package io.github.kswordcount.localkafka;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code groups} command against a real broker, Kafka 3.9.2's own {@code ConsumerGroupCommand} (run in this JVM,
 * its {@code System.out}, {@code System.err} and {@code Exit} captured) as the oracle on the same groups with the
 * same arguments. Kafka's tables come in hash order, ours sorted: rows are compared sorted, headers exactly. Kafka
 * 3.9 ends its offsets table without a newline and runs the rows of its reset table together on one line (fixed in
 * Kafka 4.0, apache/kafka#17058); the comparisons take that into account and say where.
 */
@ExtendWith(LocalKafkaExtension.class)
class GroupsCommandIT {
  /** The width of one row of Kafka's reset table: "%-30s %-30s %-10s %-15s" with values that fit. */
  private static final int RESET_ROW = 30 + 1 + 30 + 1 + 10 + 1 + 15;
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static String bootstrap;
  private static Admin admin;

  /** What one run of a tool left. */
  record Run(int code, String out, String err) {}

  @BeforeAll
  static void connect(LocalKafka kafka) {
    bootstrap = kafka.bootstrapServers();
    admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
  }

  @AfterAll
  static void disconnect() {
    admin.close();
  }

  @Test
  void describesAGroupWithCommittedOffsetsAndNoMembersLikeKafka() throws Exception {
    String topic = topic("lag", 3, 5, 2, 0);
    String group = "группа-смещений";
    commit(group, Map.of(new TopicPartition(topic, 0), 3L, new TopicPartition(topic, 1), 2L));

    Run ours = ours("--describe", "--group", group);
    Run kafkas = kafkas("--describe", "--group", group);

    assertThat(ours).isEqualTo(new Run(0, String.join("\n", "",
        "GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     "
            + "HOST            CLIENT-ID",
        "группа-смещений lag             0          3               5               2               -               -"
            + "               -",
        "группа-смещений lag             1          2               2               0               -               -"
            + "               -", ""),
        "\nConsumer group 'группа-смещений' has no active members.\n"));
    // Kafka 3.9 leaves out the last newline.
    assertThat(sortedRows(ours.out())).isEqualTo(sortedRows(kafkas.out() + "\n"));
    assertThat(ours.err()).isEqualTo(kafkas.err());

    Run members = ours("--describe", "--group", group, "--members");
    assertThat(members).isEqualTo(kafkas("--describe", "--group", group, "--members"));
    assertThat(members.out())
        .isEqualTo("\nGROUP           CONSUMER-ID     HOST            CLIENT-ID       #PARTITIONS     \n");
  }

  @Test
  void describesAllGroupsLikeKafka() throws Exception {
    String topic = topic("all", 1, 2);
    commit("all-a", Map.of(new TopicPartition(topic, 0), 1L));
    commit("all-b", Map.of(new TopicPartition(topic, 0), 2L));

    Run ours = ours("--describe", "--all-groups");
    Run kafkas = kafkas("--describe", "--all-groups");

    assertThat(ours.code()).isZero();
    assertThat(ours.out()).contains("\nall-a           all             0          1               2               1 ")
        .contains("\nall-b           all             0          2               2               0 ");
    // Kafka 3.9 runs one group's table into the next; ours has a blank line before each, as Kafka 4.0.
    assertThat(sortedRows(ours.out()).stream().filter(line -> !line.isEmpty()))
        .containsExactlyElementsOf(sortedRows(kafkas.out()).stream().filter(line -> !line.isEmpty()).toList());
    assertThat(ours.err()).isEqualTo(kafkas.err()).contains("\nConsumer group 'all-a' has no active members.\n");
  }

  @Test
  void describesAnActiveMemberItsOffsetsAndItsMembersLikeKafka() throws Exception {
    String topic = topic("active", 2, 3, 1);
    String group = "active-group";
    try (KafkaConsumer<String, String> member = KafkaIo.consumer(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, group,
        ConsumerConfig.CLIENT_ID_CONFIG, "active-client"))) {
      member.subscribe(List.of(topic));
      await("the member to get both partitions").atMost(WAIT).pollInSameThread().until(() -> {
        member.poll(Duration.ofMillis(100));
        return member.assignment().size() == 2;
      });
      member.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(1)));

      for (String[] args : List.of(new String[] {"--describe", "--group", group},
          new String[] {"--describe", "--group", group, "--offsets"},
          new String[] {"--describe", "--group", group, "--members"})) {
        Run ours = ours(args);
        Run kafkas = kafkas(args);
        assertThat(ours.code()).isZero();
        assertThat(ours.err()).isEqualTo(kafkas.err()).isEmpty();
        String kafkasOut = args.length == 3 || args[3].equals("--offsets") ? kafkas.out() + "\n" : kafkas.out();
        assertThat(sortedRows(ours.out())).isEqualTo(sortedRows(kafkasOut));
      }
      Run ours = ours("--describe", "--group", group);
      assertThat(ours.out()).contains(" active-client\n").contains(" 0          1               3               2 ")
          .contains(" 1          -               1               - ");

      // Kafka 3.9 names no topic in the ASSIGNMENT column, "(0,1)", where ours (as Kafka up to 3.6) says
      // "active(0,1)".
      Run verbose = ours("--describe", "--group", group, "--members", "--verbose");
      assertThat(verbose.out()).contains(" 2               " + topic + "(0,1)\n");
      assertThat(verbose.out().replace(topic + "(", "("))
          .isEqualTo(kafkas("--describe", "--group", group, "--members", "--verbose").out());

      Run refused = ours("--reset-offsets", "--group", group, "--all-topics", "--to-earliest", "--execute");
      String why = "Assignments can only be reset if the group 'active-group' is inactive, but the current state is"
          + " Stable.";
      assertThat(refused).isEqualTo(new Run(1, "", "error: " + why + "\n"));
      assertThat(kafkas("--reset-offsets", "--group", group, "--all-topics", "--to-earliest", "--execute").out())
          .startsWith("\nError: " + why + "\n");
      assertThat(committed(group)).isEqualTo(Map.of(new TopicPartition(topic, 0), 1L));

      assertThat(ours("--delete", "--group", group)).isEqualTo(new Run(1, "",
          "error: Group 'active-group' could not be deleted due to: The group is not empty.\n"));
    }
  }

  @Test
  void listsTheGroupsLikeKafka() throws Exception {
    String topic = topic("listed", 1, 1);
    commit("listed-a", Map.of(new TopicPartition(topic, 0), 1L));
    commit("listed-b", Map.of(new TopicPartition(topic, 0), 0L));

    Run ours = ours("--list");
    Run kafkas = kafkas("--list");

    assertThat(ours.code()).isZero();
    assertThat(ours.out().lines()).contains("listed-a", "listed-b").isSorted()
        .containsExactlyElementsOf(kafkas.out().lines().sorted().collect(Collectors.toList()));
    assertThat(ours.err()).isEqualTo(kafkas.err()).isEmpty();
  }

  @Test
  void resetsOffsetsLikeKafkaAndCommitsThemOnlyWithExecute() throws Exception {
    String topic = topic("reset", 2, 4, 2);
    TopicPartition p0 = new TopicPartition(topic, 0);
    TopicPartition p1 = new TopicPartition(topic, 1);
    commit("reset-k", Map.of(p0, 1L, p1, 1L));
    commit("reset-o", Map.of(p0, 1L, p1, 1L));

    assertThat(ours("--reset-offsets", "--group", "reset-o", "--topic", topic, "--to-earliest", "--dry-run"))
        .isEqualTo(new Run(0, String.join("\n", "",
            "GROUP                          TOPIC                          PARTITION  NEW-OFFSET     ",
            "reset-o                        reset                          0          0              ",
            "reset-o                        reset                          1          0              ", ""), ""));
    for (String[] scope : List.of(new String[] {"--topic", topic, "--to-earliest", "--dry-run"},
        new String[] {"--all-topics", "--to-latest"},
        new String[] {"--topic", topic + ":1", "--to-offset", "2", "--dry-run"},
        new String[] {"--all-topics", "--to-datetime", "2000-01-01T00:00:00.000", "--dry-run"},
        new String[] {"--topic", topic, "--to-datetime", "2000-01-01T02:00:00.000+02:00", "--dry-run"},
        new String[] {"--all-topics", "--to-latest", "--execute"})) {
      Run ours = ours(concat(new String[] {"--reset-offsets", "--group", "reset-o"}, scope));
      Run kafkas = kafkas(concat(new String[] {"--reset-offsets", "--group", "reset-k"}, scope));
      assertThat(ours.code()).isZero();
      assertThat(sortedRows(ours.out())).isEqualTo(sortedRows(kafkasResetTable(kafkas.out()).replace("reset-k",
          "reset-o")));
      boolean warned = !Arrays.asList(scope).contains("--dry-run") && !Arrays.asList(scope).contains("--execute");
      assertThat(ours.err()).isEqualTo(warned ? "WARN: No action will be performed as the --execute option is"
          + " missing.\n" : "");
      // Kafka's warning goes on to announce a prompt in a future release; ours stops after its first sentence.
      assertThat(kafkas.err()).startsWith(ours.err().strip());
    }
    assertThat(committed("reset-o")).isEqualTo(Map.of(p0, 4L, p1, 2L)).isEqualTo(committed("reset-k"));

    Run clamped = ours("--reset-offsets", "--group", "reset-o", "--topic", topic + ":1", "--to-offset", "9",
        "--execute");
    assertThat(clamped.err()).isEqualTo("WARN: New offset (9) is higher than latest offset for topic partition "
        + topic + "-1. Value will be set to 2\n");
    assertThat(clamped.out()).endsWith("\nreset-o                        reset                          1          2"
        + "              \n");
  }

  @Test
  void resetsToTheLogEndWhenNoRecordIsThatLate() throws Exception {
    String topic = topic("late", 1, 3);
    Run ours = ours("--reset-offsets", "--group", "late-group", "--topic", topic, "--to-datetime",
        "2999-01-01T00:00:00.000", "--execute");

    assertThat(ours).isEqualTo(new Run(0, String.join("\n", "",
        "GROUP                          TOPIC                          PARTITION  NEW-OFFSET     ",
        "late-group                     late                           0          3              ", ""),
        "WARN: Partition 0 from topic late has no record at or after that time. Falling back to latest known"
            + " offset.\n"));
    // A group that did not exist now has offsets, as with Kafka's tool.
    assertThat(committed("late-group")).isEqualTo(Map.of(new TopicPartition(topic, 0), 3L));
  }

  @Test
  void deletesGroupsLikeKafkaAndSaysWhenOneDoesNotExist() throws Exception {
    String topic = topic("deleted", 1, 1);
    commit("deleted-k", Map.of(new TopicPartition(topic, 0), 1L));
    commit("deleted-o", Map.of(new TopicPartition(topic, 0), 1L));

    Run ours = ours("--delete", "--group", "deleted-o");
    Run kafkas = kafkas("--delete", "--group", "deleted-k");

    assertThat(ours).isEqualTo(new Run(0, "Deletion of requested consumer groups ('deleted-o') was successful.\n", ""));
    assertThat(ours.out().replace("deleted-o", "deleted-k")).isEqualTo(kafkas.out());
    assertThat(committed("deleted-o")).isEmpty();

    assertThat(ours("--describe", "--group", "deleted-o"))
        .isEqualTo(new Run(1, "", "error: Consumer group 'deleted-o' does not exist.\n"));
    assertThat(kafkas("--describe", "--group", "deleted-k").out())
        .isEqualTo("\nError: Consumer group 'deleted-k' does not exist.\n");
    assertThat(ours("--delete", "--group", "deleted-o"))
        .isEqualTo(new Run(1, "", "error: Group 'deleted-o' could not be deleted due to: The group id does not"
            + " exist.\n"));
  }

  private static String topic(String name, int partitions, int... recordsPerPartition) {
    try {
      admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(name, partitions, (short) 1))).all()
          .get();
    } catch (ExecutionException | InterruptedException e) {
      throw new AssertionError(e);
    }
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int p = 0; p < recordsPerPartition.length; p++) {
      int partition = p;
      IntStream.range(0, recordsPerPartition[p])
          .forEach(i -> records.add(new ProducerRecord<>(name, partition, null, "строка " + i)));
    }
    KafkaIo.send(bootstrap, records);
    return name;
  }

  private static void commit(String group, Map<TopicPartition, Long> offsets) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    offsets.forEach((tp, offset) -> commits.put(tp, new OffsetAndMetadata(offset)));
    admin.alterConsumerGroupOffsets(group, commits).all().get();
  }

  private static Map<TopicPartition, Long> committed(String group) throws Exception {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
        .forEach((tp, offset) -> offsets.put(tp, offset.offset()));
    return offsets;
  }

  private static Run ours(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = LocalKafkaMain.run(concat(new String[] {"groups", "--bootstrap-server", bootstrap}, args),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        new CountDownLatch(0));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Kafka's kafka-consumer-groups in this JVM; an exit it asks for becomes the code instead of ending the JVM. */
  private static synchronized Run kafkas(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    int code = 0;
    Exit.setExitProcedure((status, message) -> {
      throw new KafkaExit(status);
    });
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      ConsumerGroupCommand.main(concat(new String[] {"--bootstrap-server", bootstrap}, args));
    } catch (KafkaExit e) {
      code = e.status;
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
      Exit.resetExitProcedure();
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Kafka 3.9's reset table (a blank line, then header and rows run together) one row a line, as in Kafka 4.0. */
  private static String kafkasResetTable(String out) {
    assertThat(out).startsWith("\n");
    String table = out.substring(1);
    assertThat(table.length() % RESET_ROW).isZero();
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < table.length(); i += RESET_ROW) {
      lines.append('\n').append(table, i, i + RESET_ROW);
    }
    return lines.append('\n').toString();
  }

  /** A table with its header lines in place and its rows sorted: Kafka's rows come in hash order. */
  private static List<String> sortedRows(String table) {
    List<String> lines = new ArrayList<>(Arrays.asList(table.split("\n", -1)));
    List<String> sorted = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= lines.size(); i++) {
      if (i == lines.size() || lines.get(i).isEmpty() || lines.get(i).startsWith("GROUP ")) {
        List<String> block = new ArrayList<>(lines.subList(start, i));
        block.sort(null);
        sorted.addAll(block);
        if (i < lines.size()) {
          sorted.add(lines.get(i));
        }
        start = i + 1;
      }
    }
    return sorted;
  }

  private static String[] concat(String[] first, String[] rest) {
    String[] all = Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }

  /** Kafka's tool asked to exit. */
  private static final class KafkaExit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    KafkaExit(int status) {
      super("exit " + status, null, false, false);
      this.status = status;
    }
  }
}
