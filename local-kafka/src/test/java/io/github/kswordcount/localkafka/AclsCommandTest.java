package io.github.kswordcount.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code acls} command lines refused before any connection: one line on stderr, exit 2 (1 for a missing file). */
class AclsCommandTest {
  private static final String OPERATIONS = "All, Alter, AlterConfigs, ClusterAction, Create, CreateTokens, Delete,"
      + " Describe, DescribeConfigs, DescribeTokens, IdempotentWrite, Read, Write";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void needsExactlyOneAction() {
    assertRefused("give exactly one of --add, --remove, --list", "--bootstrap-server", "h:1");
    assertRefused("give exactly one of --add, --remove, --list", "--bootstrap-server", "h:1", "--add", "--list");
  }

  @Test
  void needsTheBootstrapServer() {
    assertRefused("--bootstrap-server is required", "--list");
  }

  @Test
  void addAndRemoveNeedAResourceAndAddAPrincipal() {
    assertRefused("--add needs a resource: --topic, --group, --transactional-id or --cluster",
        "--bootstrap-server", "h:1", "--add", "--allow-principal", "User:alice");
    assertRefused("--remove needs a resource: --topic, --group, --transactional-id or --cluster",
        "--bootstrap-server", "h:1", "--remove");
    assertRefused("--add needs --allow-principal or --deny-principal",
        "--bootstrap-server", "h:1", "--add", "--topic", "lab");
  }

  @Test
  void listTakesNoPrincipalOrOperation() {
    assertRefused("--allow-principal, --deny-principal and --operation go with --add and --remove",
        "--bootstrap-server", "h:1", "--list", "--allow-principal", "User:alice");
  }

  @Test
  void aPrincipalIsTypeColonNameAndIsNeverSplitAtCommas() {
    assertRefused("--deny-principal 'CN=alice,OU=lab' is invalid: use TYPE:NAME, e.g. User:alice",
        "--bootstrap-server", "h:1", "--add", "--topic", "lab", "--deny-principal", "CN=alice,OU=lab");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "--topic lab --operation Peek|--operation 'Peek' is invalid: use one of " + OPERATIONS,
      "--topic lab --operation Any|--operation 'Any' is invalid: use one of " + OPERATIONS,
      "--group g --operation Write|--operation 'Write' does not apply to a group: use one of All, Delete, Describe,"
          + " Read",
      "--transactional-id tx --operation Read|--operation 'Read' does not apply to a transactional id: use one of"
          + " All, Describe, Write",
      "--topic lab --resource-pattern-type match|--resource-pattern-type 'match' is invalid with --add: use literal"
          + " or prefixed"})
  void refusesToAddWhatKafkaWouldRefuse(String resourceAndMore, String message) {
    String[] given = resourceAndMore.split(" ");
    String[] args = new String[given.length + 5];
    System.arraycopy(new String[] {"--bootstrap-server", "h:1", "--add", "--allow-principal", "User:alice"}, 0,
        args, 0, 5);
    System.arraycopy(given, 0, args, 5, given.length);
    assertRefused(message, args);
  }

  @Test
  void listsOnlyKnownPatternTypesAndTheClusterOnlyLiterally() {
    assertRefused("--resource-pattern-type 'glob' is invalid: use literal, prefixed, any or match",
        "--bootstrap-server", "h:1", "--list", "--resource-pattern-type", "glob");
    assertRefused("--cluster takes only --resource-pattern-type literal",
        "--bootstrap-server", "h:1", "--list", "--cluster", "--resource-pattern-type", "prefixed");
  }

  @Test
  void aMissingCommandConfigIsOneLineAndExitsOne() {
    int code = run("acls", "--bootstrap-server", "h:1", "--list", "--command-config", "/no/such/file.properties");

    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("error: --command-config '/no/such/file.properties' does not exist\n");
    assertThat(code).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void printsUsageOnStdoutForHelp() {
    assertThat(run("acls", "--help")).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: java -jar local-kafka.jar acls [options]")
        .contains("--add", "--remove", "--list", "--allow-principal", "--deny-principal", "--operation", "--topic",
            "--group", "--transactional-id", "--cluster", "--resource-pattern-type", "--command-config", "--force");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private void assertRefused(String message, String... args) {
    out.reset();
    err.reset();
    String[] all = new String[args.length + 1];
    all[0] = "acls";
    System.arraycopy(args, 0, all, 1, args.length);

    int code = run(all);

    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: " + message + ": see acls --help\n");
    assertThat(code).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private int run(String... args) {
    return LocalKafkaMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), new CountDownLatch(1));
  }
}
