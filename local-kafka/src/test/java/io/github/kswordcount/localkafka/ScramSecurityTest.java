package io.github.kswordcount.localkafka;

import io.github.kswordcount.consolekit.UsageException;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The secured mode's settings, without a broker: what Kafka will parse, and that no password leaks. */
class ScramSecurityTest {
  private final ScramSecurity security = new ScramSecurity(List.of(
      new ScramUser("admin", "admin-secret"), new ScramUser("алиса", "p\"w\\x:y \"quoted\"")));

  @ParameterizedTest
  @ValueSource(strings = {"plain", "p\"w\\x:y", "\"quoted\"", "spa ce", "пароль", "a=b;c"})
  void kafkasJaasParserReadsBackTheExactPassword(String password) {
    ScramUser user = new ScramUser("alice", password);

    AppConfigurationEntry entry = JaasContext.loadClientContext(
        Map.of("sasl.jaas.config", new Password(ScramSecurity.jaasConfig(user)))).configurationEntries().get(0);

    assertThat(entry.getLoginModuleName()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
    assertThat(entry.getOptions()).isEqualTo(Map.of("username", "alice", "password", password));
  }

  @Test
  void createsEveryUserForBothMechanismsAtFormatTime() {
    assertThat(security.formatterArguments()).containsExactly(
        "SCRAM-SHA-256=[name=admin,password=\"admin-secret\"]",
        "SCRAM-SHA-512=[name=admin,password=\"admin-secret\"]",
        "SCRAM-SHA-256=[name=алиса,password=\"p\"w\\x:y \"quoted\"\"]",
        "SCRAM-SHA-512=[name=алиса,password=\"p\"w\\x:y \"quoted\"\"]");
  }

  @Test
  void makesTheFirstUserAndTheControllersPrincipalSuperUsersAndDeniesWithoutAnAcl() {
    Map<String, String> broker = security.brokerConfig();

    assertThat(broker).containsEntry("super.users", "User:admin;User:ANONYMOUS")
        .containsEntry("allow.everyone.if.no.acl.found", "false")
        .containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
        .containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-256,SCRAM-SHA-512")
        .containsEntry("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-256")
        .containsKeys("listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config",
            "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config");
  }

  @Test
  void neverShowsAPasswordInTextOrMessages() {
    assertThat(security.toString()).isEqualTo("ScramSecurity[ScramUser[name=admin, password=***],"
        + " ScramUser[name=алиса, password=***]]");
    assertThat(security.mask("argument 'SCRAM-SHA-256=[name=admin,password=admin-secret]' is bad"))
        .isEqualTo("argument 'SCRAM-SHA-256=[name=admin,password=***]' is bad");
  }

  @Test
  void refusesAUserGivenTwice() {
    assertThatThrownBy(() -> new ScramSecurity(List.of(new ScramUser("a", "x"), new ScramUser("a", "y"))))
        .hasMessage("user 'a' is given twice");
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice", "alice:", ":secret", "a b:secret", "a,b:secret", "a=b:secret", "alice:a,b"})
  void refusesAMalformedUserWithoutEchoingItsPassword(String value) {
    String shown = value.contains(":") ? value.substring(0, value.indexOf(':')) + ":***" : value;

    assertThatThrownBy(() -> ScramUser.parse(value))
        .isInstanceOf(UsageException.class)
        .hasMessage("--user '" + shown + "' is invalid: use NAME:PASSWORD, NAME of letters, digits, '.', '_', '-'"
            + " and '@', PASSWORD not empty and without ','");
  }

  @Test
  void keepsColonsInThePassword() throws UsageException {
    assertThat(ScramUser.parse("alice:a:b:c")).extracting(ScramUser::name, ScramUser::password)
        .containsExactly("alice", "a:b:c");
  }
}
