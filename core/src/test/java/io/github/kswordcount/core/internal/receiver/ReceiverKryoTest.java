package io.github.kswordcount.core.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

class ReceiverKryoTest {

  private static SerializerInstance kryo() {
    SparkConf conf = KafkaReceivers.withKryoRegistration(new SparkConf(false));
    return new KryoSerializer(conf).newInstance();
  }

  private static <T> T roundTrip(SerializerInstance serializer, T value) {
    ByteBuffer bytes = serializer.serialize(value, ClassTag$.MODULE$.apply(Object.class));
    return serializer.deserialize(bytes, ClassTag$.MODULE$.apply(Object.class));
  }

  @Test
  void recordsSurviveKryoWithTheirValueOrItsAbsence() {
    SerializerInstance kryo = kryo();
    ReceivedRecord record = roundTrip(kryo, new ReceivedRecord("lab", 2, 1L << 40,
        "Hi how are you? 日本語".getBytes(StandardCharsets.UTF_8)));
    assertThat(record.topic()).isEqualTo("lab");
    assertThat(record.partition()).isEqualTo(2);
    assertThat(record.offset()).isEqualTo(1L << 40);
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("Hi how are you? 日本語");
    ReceivedRecord tombstone = roundTrip(kryo, new ReceivedRecord("lab", 0, 7, null));
    assertThat(tombstone.value()).isNull();
    assertThat(roundTrip(kryo, new ReceivedRecord("lab", 0, 8, new byte[0])).value()).isEmpty();
  }

  @Test
  void theRegistratorIsAddedOnceAfterTheUsersOwn() {
    SparkConf conf = new SparkConf(false).set("spark.kryo.registrator", "com.example.Mine");
    KafkaReceivers.withKryoRegistration(KafkaReceivers.withKryoRegistration(conf));
    assertThat(conf.get("spark.kryo.registrator")).isEqualTo("com.example.Mine," + ReceiverKryo.class.getName());
  }
}
