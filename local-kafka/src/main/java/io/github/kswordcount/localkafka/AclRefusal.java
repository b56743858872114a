package io.github.kswordcount.localkafka;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kafka.admin.AclCommand;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.ClusterAuthorizationException;

/**
 * {@code kafka-acls} run by a user who may not describe or change ACLs, in words. Kafka's tool prints the broker's
 * {@code ClusterAuthorizationException}, whose message is the refused request's {@code toString} ({@code Request
 * Request(processor=0, connectionId=..., session=...Session@6d68aab0, ...) is not authorized.}); this says who was
 * refused, what the command needs, and how a super user grants it.
 */
final class AclRefusal {
  private static final String REFUSED = "Error while executing ACL command: "
      + ClusterAuthorizationException.class.getName() + ": ";
  private static final Pattern USER_NAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");

  private AclRefusal() {
  }

  /**
   * The rewrite of the tool's refusal line for {@link KafkaTool#run}.
   *
   * @param args the {@code acls} command's arguments
   * @return for the line of a refusal on the cluster, the {@code error:} line; {@code null} for any other line
   */
  static UnaryOperator<String> of(String[] args) {
    // Parsed only on a refusal: the tool has run, so the arguments were valid.
    return line -> line.startsWith(REFUSED) ? sentence(new AclCommand.AclCommandOptions(args)) : null;
  }

  private static String sentence(AclCommand.AclCommandOptions options) {
    boolean change = options.options.has(options.addOpt()) || options.options.has(options.removeOpt());
    String operation = change ? "Alter" : "Describe";
    String user = options.options.has(options.commandConfigOpt())
        ? userName(Path.of(options.options.valueOf(options.commandConfigOpt()))) : null;
    String principal = "User:" + (user == null ? "NAME" : user);
    return "error: " + (user == null ? "this client" : "user '" + user + "'") + " is not allowed to "
        + (change ? "change" : "describe") + " ACLs on " + options.options.valueOf(options.bootstrapServerOpt())
        + " (it needs " + operation + " on the cluster: acls --add --allow-principal " + principal + " --operation "
        + operation + " --cluster, run as a super user)";
  }

  /** The SASL user name in a client's properties ({@code sasl.jaas.config}), or {@code null}. */
  private static String userName(Path commandConfig) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(commandConfig)) {
      properties.load(in);
    } catch (IOException e) {
      return null;
    }
    Matcher name = USER_NAME.matcher(properties.getProperty(SaslConfigs.SASL_JAAS_CONFIG, ""));
    return name.find() ? name.group(1) : null;
  }
}
