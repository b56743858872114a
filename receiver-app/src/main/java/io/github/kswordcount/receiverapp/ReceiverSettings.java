package io.github.kswordcount.receiverapp;

import io.github.kswordcount.jobframe.CountSettings;
import io.github.kswordcount.jobframe.JobPlan;
import io.github.kswordcount.jobframe.JobSettings;
import io.github.kswordcount.jobframe.KafkaSource;
import java.util.Map;

/**
 * The receiver job's validated settings.
 *
 * @param source what to read
 * @param job how to run on Spark
 * @param count what to count and where to write it
 * @param checkpointDir the checkpoint directory (the default one when the WAL is on and none was given)
 * @param writeAheadLog whether received blocks go to the write-ahead log
 * @param receivers how many receivers
 * @param consumerThreads consumer threads per receiver
 * @param maxRate records per second per receiver, 0 for no limit
 * @param instanceId this process's name in the group, the prefix of its consumers' {@code group.instance.id}
 */
record ReceiverSettings(KafkaSource source, JobSettings job, CountSettings count, String checkpointDir,
    boolean writeAheadLog, int receivers, int consumerThreads, long maxRate, String instanceId) implements JobPlan {

  @Override
  public Map<String, String> identity() {
    Map<String, String> identity = JobPlan.super.identity();
    identity.put("write-ahead-log", Boolean.toString(writeAheadLog));
    identity.put("receivers", Integer.toString(receivers));
    identity.put("consumer-threads", Integer.toString(consumerThreads));
    // The checkpoint restores the consumers' static identities: another --instance-id would not be used.
    identity.put("instance-id", instanceId);
    return identity;
  }
}
