package io.github.kswordcount.core.internal.receiver;

import java.io.Serializable;

/**
 * One Kafka record as the receiver hands it to Spark: where it came from and its value bytes (null for a
 * tombstone). Serializable, unlike {@code ConsumerRecord}, so blocks can go to the write-ahead log.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the record's offset
 * @param value the value bytes, or {@code null}
 */
public record ReceivedRecord(String topic, int partition, long offset, byte[] value) implements Serializable {}
