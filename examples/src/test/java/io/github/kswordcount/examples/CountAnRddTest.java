package io.github.kswordcount.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kswordcount.core.count.WordCounts;
import io.github.kswordcount.core.text.Tokenizers;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** A team counts the words of an RDD it already has: one call, core's Unicode-aware, lowercasing tokenizer. */
class CountAnRddTest {

  @Test
  void countsTheWordsOfAnRdd() {
    SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("count-an-rdd")
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1");
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      Map<String, Long> counts = WordCounts.count(
          sc.parallelize(List.of("Kafka into Spark, Kafka!", "Привет, мир: мир"), 2), Tokenizers.words())
          .collectAsMap();
      assertThat(counts).isEqualTo(Map.of("kafka", 2L, "into", 1L, "spark", 1L, "привет", 1L, "мир", 2L));
    }
  }
}
