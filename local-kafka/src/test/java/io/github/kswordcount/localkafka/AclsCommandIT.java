package io.github.kswordcount.localkafka;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code acls} command against a secured broker, Kafka's own {@code kafka.admin.AclCommand} as the oracle:
 * each case runs Kafka's tool on resources named {@code k-...} and ours on {@code o-...}, and compares the blocks
 * of both outputs as sets (Kafka prints resources and entries in hash order, ours sorted). Also the {@code topics}
 * and {@code groups} commands with {@code --command-config}, and the one-line error of a wrong password from the
 * fat jar.
 */
class AclsCommandIT {
  @RegisterExtension
  static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(builder -> builder.topic("lab", 1)
      .user("admin", "admin-secret").user("alice", "alice-secret"));

  private static final JavaTool KAFKA_ACLS = JavaTool.mainClass("kafka.admin.AclCommand");
  private static final JavaTool OURS = JavaTool.jar(Path.of("target", "local-kafka.jar"));
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
  private static final String ALICE = "(principal=User:alice, host=*, operation=%s, permissionType=%s)";

  @TempDir static Path dir;
  private static Path admin;

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  @BeforeAll
  static void writeTheAdminsProperties(LocalKafka kafka) {
    admin = SecuredClients.propertiesFile(dir.resolve("admin.properties"), kafka.clientConfig());
  }

  @Test
  void addsAndListsLiteralAclsLikeKafkaAcls(LocalKafka kafka) {
    String[] add = {"--add", "--allow-principal", "User:alice", "--operation", "Read", "--operation", "Describe",
        "--topic", "X-lab", "--group", "X-group"};

    Outputs added = both(kafka, add);

    assertThat(added.ours()).isEqualTo(block("Adding", "GROUP", "o-group", "LITERAL", entry("DESCRIBE"), entry("READ"))
        + block("Adding", "TOPIC", "o-lab", "LITERAL", entry("DESCRIBE"), entry("READ"))
        + block("Current", "GROUP", "o-group", "LITERAL", entry("DESCRIBE"), entry("READ"))
        + block("Current", "TOPIC", "o-lab", "LITERAL", entry("DESCRIBE"), entry("READ")));
    // Kafka's tool lists right after the controller took the ACLs, often before its broker has them: compare
    // its "Adding" blocks here, its listing once the broker has them.
    assertThat(added.blocks("Adding")).isEqualTo(added.kafkasBlocks("Adding"));
    awaitAcls(kafka, 4, "k-lab", "k-group");
    Outputs listed = both(kafka, "--list", "--topic", "X-lab", "--group", "X-group");
    assertThat(listed.blocks("Current")).isEqualTo(listed.kafkasBlocks("Current")).hasSize(2);
  }

  @Test
  void addsPrefixedDenyAclsOnTopicsAndTransactionalIdsAndListsWhatMatchesLikeKafkaAcls(LocalKafka kafka) {
    String[] add = {"--add", "--deny-principal", "User:alice", "--operation", "Write", "--topic", "X-pre-",
        "--transactional-id", "X-tx-", "--resource-pattern-type", "prefixed"};

    Outputs added = both(kafka, add);

    assertThat(added.blocks("Adding")).isEqualTo(added.kafkasBlocks("Adding"))
        .containsExactly(
            "Adding ACLs for resource `ResourcePattern(resourceType=TOPIC, name=o-pre-, patternType=PREFIXED)`: "
                + "|" + String.format(ALICE, "WRITE", "DENY"),
            "Adding ACLs for resource `ResourcePattern(resourceType=TRANSACTIONAL_ID, name=o-tx-, "
                + "patternType=PREFIXED)`: |" + String.format(ALICE, "WRITE", "DENY"));
    awaitAcls(kafka, 2, "k-pre-", "k-tx-");
    Outputs matching = both(kafka, "--list", "--topic", "X-pre-lab", "--resource-pattern-type", "match");
    assertThat(matching.blocks("Current")).isEqualTo(matching.kafkasBlocks("Current"))
        .containsExactly("Current ACLs for resource `ResourcePattern(resourceType=TOPIC, name=o-pre-, "
            + "patternType=PREFIXED)`: |" + String.format(ALICE, "WRITE", "DENY"));
  }

  @Test
  void removesOneAclThenAllOfAResourceLikeKafkaAcls(LocalKafka kafka) {
    for (String topic : List.of("k-rm", "o-rm")) {
      SecuredClients.allow(kafka, "alice", ResourceType.TOPIC, topic, AclOperation.READ, AclOperation.WRITE);
    }
    String[] removeRead = {"--remove", "--force", "--allow-principal", "User:alice", "--operation", "Read",
        "--topic", "X-rm"};

    assertThat(both(kafka, removeRead).ours()).isEqualTo(block("Current", "TOPIC", "o-rm", "LITERAL", entry("WRITE")));
    awaitAcls(kafka, 1, "k-rm");
    Outputs listed = both(kafka, "--list", "--topic", "X-rm");
    assertThat(listed.blocks("Current")).isEqualTo(listed.kafkasBlocks("Current")).hasSize(1);

    assertThat(both(kafka, "--remove", "--force", "--topic", "X-rm").ours()).isEmpty();
    awaitAcls(kafka, 0, "k-rm");
    assertThat(kafkaAcls(kafka, named("k-", "--list", "--topic", "X-rm"))).isEmpty();
  }

  @Test
  void listsEveryAclLikeKafkaAcls(LocalKafka kafka) {
    SecuredClients.allow(kafka, "alice", ResourceType.CLUSTER, "kafka-cluster", AclOperation.IDEMPOTENT_WRITE);
    SecuredClients.allow(kafka, "alice", ResourceType.GROUP, "every-group", AclOperation.READ);

    List<String> ours = blocks(ours(kafka, "acls", "--list"), "Current");

    assertThat(ours).isEqualTo(blocks(kafkaAcls(kafka, "--list"), "Current"))
        .contains("Current ACLs for resource `ResourcePattern(resourceType=CLUSTER, name=kafka-cluster, "
            + "patternType=LITERAL)`: |" + String.format(ALICE, "IDEMPOTENT_WRITE", "ALLOW"));
  }

  @Test
  void topicsListsOnlyWhatTheUserOfTheCommandConfigMayDescribe(LocalKafka kafka) {
    Path alice = SecuredClients.propertiesFile(dir.resolve("alice.properties"), kafka.clientConfig("alice"));
    String bootstrap = kafka.bootstrapServers();

    assertThat(ours(kafka, "topics", "--list", "--topic", "lab")).isEqualTo("lab\n");
    assertThat(run("topics", "--bootstrap-server", bootstrap, "--command-config", alice.toString(), "--list"))
        .isZero();
    assertThat(out()).isEmpty();
    assertThat(run("topics", "--bootstrap-server", bootstrap, "--command-config", alice.toString(), "--create",
        "--topic", "alice-made")).isEqualTo(1);
    assertThat(err()).isEqualTo("error: Authorization failed. (the user of --command-config needs an ACL for it)\n");
  }

  @Test
  void groupsShowsOnlyWhatTheUserOfTheCommandConfigMayDescribe(LocalKafka kafka) throws Exception {
    Path alice = SecuredClients.propertiesFile(dir.resolve("alice-groups.properties"), kafka.clientConfig("alice"));
    String bootstrap = kafka.bootstrapServers();
    try (Admin superUser = Admin.create(new HashMap<String, Object>(kafka.clientConfig()))) {
      superUser.alterConsumerGroupOffsets("secured-group", java.util.Map.of(
          new org.apache.kafka.common.TopicPartition("lab", 0),
          new org.apache.kafka.clients.consumer.OffsetAndMetadata(0))).all().get();
    }
    assertThat(ours(kafka, "groups", "--list")).contains("secured-group\n");
    assertThat(ours(kafka, "groups", "--describe", "--group", "secured-group"))
        .contains("\nsecured-group   lab             0          0               0               0 ");

    assertThat(run("groups", "--bootstrap-server", bootstrap, "--command-config", alice.toString(), "--list"))
        .isZero();
    assertThat(out()).isEmpty();
    assertThat(run("groups", "--bootstrap-server", bootstrap, "--command-config", alice.toString(), "--describe",
        "--group", "secured-group")).isEqualTo(1);
    assertThat(err()).isEqualTo("error: Not authorized to access group 'secured-group' (the user of"
        + " --command-config needs an ACL for it)\n");

    // Describe on the group shows it, but Kafka leaves out the offsets of topics the user may not Describe (not
    // granted here: another test counts on alice seeing no topic).
    SecuredClients.allow(kafka, "alice", ResourceType.GROUP, "secured-group", AclOperation.DESCRIBE);
    assertThat(run("groups", "--bootstrap-server", bootstrap, "--command-config", alice.toString(), "--describe",
        "--group", "secured-group")).isZero();
    assertThat(out()).isEmpty();
    assertThat(err()).isEqualTo("\nConsumer group 'secured-group' has no active members.\n");
  }

  @Test
  void aWrongPasswordIsOneErrorLineWithin30Seconds(LocalKafka kafka) {
    Path wrong = SecuredClients.propertiesFile(dir.resolve("wrong.properties"),
        SecuredClients.withPassword(kafka, "admin", "not-the-password"));
    String expected = "error: Authentication failed during authentication due to invalid credentials with SASL"
        + " mechanism SCRAM-SHA-256 (check the user and password in --command-config)\n";

    for (String command : List.of("acls", "topics", "groups")) {
      long start = System.nanoTime();
      JavaTool.Result result = OURS.run(new byte[0], TOOL_TIMEOUT, command, "--bootstrap-server",
          kafka.bootstrapServers(), "--command-config", wrong.toString(), "--list");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
      assertThat(result.stderr()).as(command).isEqualTo(expected);
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.out()).isEmpty();
    }
    // Kafka's tool: the same cause, on stdout, followed by its stack trace.
    JavaTool.Result kafkas = KAFKA_ACLS.run(new byte[0], TOOL_TIMEOUT, "--bootstrap-server", kafka.bootstrapServers(),
        "--command-config", wrong.toString(), "--list");
    assertThat(kafkas.exitCode()).isEqualTo(1);
    assertThat(kafkas.out()).contains("Authentication failed during authentication due to invalid credentials",
        "\tat ");
  }

  /** The blocks of one kind, each as "heading|entry|entry" with the entries sorted; the blocks sorted. */
  private static List<String> blocks(String output, String heading) {
    List<String> blocks = new ArrayList<>();
    for (String block : output.split("\n\n")) {
      List<String> lines = block.lines().map(String::strip).toList();
      if (!lines.isEmpty() && lines.get(0).startsWith(heading + " ACLs")) {
        // strip() took the tool's trailing space off the heading line too: put it back, as printed.
        blocks.add(lines.get(0) + " |" + String.join("|", lines.subList(1, lines.size()).stream().sorted().toList()));
      }
    }
    return blocks.stream().sorted().toList();
  }

  private static String block(String heading, String type, String name, String pattern, String... entries) {
    return heading + " ACLs for resource `ResourcePattern(resourceType=" + type + ", name=" + name + ", patternType="
        + pattern + ")`: \n \t" + String.join("\n\t", entries) + " \n\n";
  }

  private static String entry(String operation) {
    return String.format(ALICE, operation, "ALLOW");
  }

  /**
   * Runs Kafka's tool with the arguments on resources named {@code k-...}, then ours on {@code o-...}.
   *
   * @return both outputs, Kafka's with its resources named as ours
   */
  private Outputs both(LocalKafka kafka, String... args) {
    String kafkas = kafkaAcls(kafka, named("k-", args)).replace("name=k-", "name=o-");
    return new Outputs(kafkas, ours(kafka, "acls", named("o-", args)));
  }

  /** What Kafka's tool and ours printed for one case. */
  private record Outputs(String kafkas, String ours) {
    List<String> blocks(String heading) {
      return AclsCommandIT.blocks(ours, heading);
    }

    List<String> kafkasBlocks(String heading) {
      return AclsCommandIT.blocks(kafkas, heading);
    }
  }

  /** The arguments with each resource name's {@code X-} turned into this tool's prefix. */
  private static String[] named(String prefix, String... args) {
    return Arrays.stream(args).map(a -> a.startsWith("X-") ? prefix + a.substring(2) : a).toArray(String[]::new);
  }

  private String kafkaAcls(LocalKafka kafka, String... args) {
    JavaTool.Result result = KAFKA_ACLS.run(new byte[0], TOOL_TIMEOUT, withConnection(kafka, args));
    assertThat(result.exitCode()).as("kafka-acls: %s", result.out()).isZero();
    return result.out();
  }

  private String ours(LocalKafka kafka, String command, String... args) {
    String[] all = Stream.concat(Stream.of(command), Stream.of(withConnection(kafka, args))).toArray(String[]::new);
    assertThat(run(all)).as("ours: %s", err()).isZero();
    return out();
  }

  private static String[] withConnection(LocalKafka kafka, String... args) {
    return Stream.concat(Stream.of("--bootstrap-server", kafka.bootstrapServers(), "--command-config",
        admin.toString()), Stream.of(args)).toArray(String[]::new);
  }

  private int run(String... args) {
    outBytes.reset();
    errBytes.reset();
    return LocalKafkaMain.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8), new CountDownLatch(0));
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  /** Waits until the broker lists {@code count} ACLs on the resources of these names, whichever tool changed them. */
  private static void awaitAcls(LocalKafka kafka, int count, String... names) {
    List<String> resources = List.of(names);
    try (Admin admin = Admin.create(new HashMap<String, Object>(kafka.clientConfig()))) {
      await(count + " ACLs listed on " + resources).atMost(TOOL_TIMEOUT).pollInSameThread().until(() -> {
        try {
          return admin.describeAcls(AclBindingFilter.ANY).values().get().stream()
              .filter(b -> resources.contains(b.pattern().name())).count() == count;
        } catch (ExecutionException e) {
          throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      });
    }
  }
}
