package io.github.kswordcount.core.internal.receiver;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.util.Arrays;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers the receivers' classes with Spark's Kryo serializer ({@code spark.serializer=...KryoSerializer}).
 * To Spark a receiver and the records of its blocks are data, serialized with that serializer, and Kryo 4
 * cannot take a Java record apart ("can't get field offset on a record class"): without this the receiver never
 * starts and the job runs on without a record and without an error. {@link ReceivedRecord}s get a compact
 * serializer of their own (they are every block's contents); a receiver, sent once, goes through Java
 * serialization.
 *
 * <pre>{@code
 * SparkConf conf = KafkaReceivers.withKryoRegistration(new SparkConf().set("spark.serializer",
 *     "org.apache.spark.serializer.KryoSerializer"));
 * }</pre>
 */
public final class ReceiverKryo implements KryoRegistrator {

  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(ReceivedRecord.class, new RecordSerializer());
    kryo.register(ReliableKafkaReceiver.class, new JavaSerializer());
  }

  /**
   * Adds this registrator to {@code spark.kryo.registrator}, after any the configuration names already.
   *
   * @param conf the configuration, changed in place
   * @return the same configuration
   */
  static SparkConf register(SparkConf conf) {
    String name = ReceiverKryo.class.getName();
    String registrators = conf.get("spark.kryo.registrator", "");
    if (registrators.isBlank()) {
      conf.set("spark.kryo.registrator", name);
    } else if (!Arrays.asList(registrators.split(",")).contains(name)) {
      conf.set("spark.kryo.registrator", registrators + "," + name);
    }
    return conf;
  }

  /** Topic, partition, offset and value bytes, in that order; a {@code null} value stays {@code null}. */
  private static final class RecordSerializer extends Serializer<ReceivedRecord> {
    RecordSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, ReceivedRecord record) {
      output.writeString(record.topic());
      output.writeVarInt(record.partition(), true);
      output.writeVarLong(record.offset(), true);
      byte[] value = record.value();
      if (value == null) {
        output.writeVarInt(0, true);
      } else {
        output.writeVarInt(value.length + 1, true);
        output.writeBytes(value);
      }
    }

    @Override
    public ReceivedRecord read(Kryo kryo, Input input, Class<ReceivedRecord> type) {
      String topic = input.readString();
      int partition = input.readVarInt(true);
      long offset = input.readVarLong(true);
      int length = input.readVarInt(true);
      byte[] value = length == 0 ? null : input.readBytes(length - 1);
      return new ReceivedRecord(topic, partition, offset, value);
    }
  }
}
