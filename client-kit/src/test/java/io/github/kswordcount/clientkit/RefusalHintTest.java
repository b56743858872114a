package io.github.kswordcount.clientkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class RefusalHintTest {
  private static final String OPTIONS = "--consumer.config or --consumer-property";

  @Test
  void aRefusedLoginAnywhereInTheChainPointsAtTheClientsJaasConfig() {
    KafkaException wrapped = new KafkaException("cannot reach Kafka",
        new SaslAuthenticationException("Authentication failed during authentication due to invalid credentials"));

    assertThat(RefusalHint.of(wrapped, "группа", OPTIONS)).isEqualTo(" (check the user name and password in"
        + " sasl.jaas.config, from --consumer.config or --consumer-property)");
  }

  @Test
  void aRefusedGroupNamesTheGroupOfTheException() {
    assertThat(RefusalHint.of(GroupAuthorizationException.forGroupId("счёт"), "other", OPTIONS))
        .isEqualTo(" (check this user's Read ACL on group 'счёт')");
  }

  @Test
  void aRefusedGroupWithoutItsNameInTheExceptionNamesTheClientsGroup() {
    assertThat(RefusalHint.of(new GroupAuthorizationException("Group authorization failed."), "счёт", OPTIONS))
        .isEqualTo(" (check this user's Read ACL on group 'счёт')");
  }

  @Test
  void otherFailuresHaveNoHint() {
    assertThat(RefusalHint.of(new TopicAuthorizationException("Not authorized"), "g", OPTIONS)).isEmpty();
    assertThat(RefusalHint.of(new IllegalStateException("boom"), "g", OPTIONS)).isEmpty();
  }
}
