package io.github.kswordcount.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The layout of the {@code groups} tables without a broker: the cases the differential IT does not reach. */
class GroupsTableTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void widensAColumnToItsLongestValueAndShowsAMissingOffsetAsADash() {
    GroupsTable.offsets(out, List.of(
        new GroupsTable.OffsetRow("g", new TopicPartition("a-topic-named-at-length", 0), Optional.empty(),
            Optional.of(7L), "consumer-g-1-0a1b2c3d", "/127.0.0.1", "consumer-g-1"),
        new GroupsTable.OffsetRow("g", new TopicPartition("a-topic-named-at-length", 1), Optional.of(4L),
            Optional.empty(), "-", "-", "-")));

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n", "",
        "GROUP           TOPIC                   PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             "
            + "CONSUMER-ID           HOST            CLIENT-ID",
        "g               a-topic-named-at-length 0          -               7               -               "
            + "consumer-g-1-0a1b2c3d /127.0.0.1      consumer-g-1",
        "g               a-topic-named-at-length 1          4               -               -               "
            + "-                     -               -", ""));
  }

  @Test
  void addsTheGroupInstanceIdColumnForAStaticMemberAndNamesTopicsInTheAssignment() {
    GroupsTable.members(out, List.of(
        new GroupsTable.MemberRow("g", "static-1-uuid", "instance-ü", "/127.0.0.1", "c1",
            List.of(new TopicPartition("t", 10), new TopicPartition("t", 2), new TopicPartition("s", 0))),
        new GroupsTable.MemberRow("g", "dynamic-uuid", "", "/127.0.0.1", "c2", List.of())), true);

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n", "",
        "GROUP           CONSUMER-ID     GROUP-INSTANCE-ID HOST            CLIENT-ID       #PARTITIONS     "
            + "ASSIGNMENT",
        "g               static-1-uuid   instance-ü        /127.0.0.1      c1              3               "
            + "s(0), t(2,10)",
        "g               dynamic-uuid                      /127.0.0.1      c2              0               -", ""));
  }
}
