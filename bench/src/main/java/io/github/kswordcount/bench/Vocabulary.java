package io.github.kswordcount.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The benchmark's words, most frequent first: English's commonest words, then a few thousand English-like words
 * made from common roots and affixes, the same for every run.
 */
final class Vocabulary {

  /** About the commonest English words, in rough frequency order. */
  private static final String[] COMMON = (
      "the of and to a in is it you that he was for on are with as I his they be at one have this from or had by "
      + "hot word but what some we can out other were all there when up use your how said an each she which do "
      + "their time if will way about many then them write would like so these her long make thing see him two "
      + "has look more day could go come did number sound no most people my over know water than call first who "
      + "may down side been now find any new work part take get place made live where after back little only round "
      + "man year came show every good me give our under name very through just form sentence great think say help "
      + "low line differ turn cause much mean before move right boy old too same tell does set three want air well "
      + "also play small end put home read hand port large spell add even land here must big high such follow act "
      + "why ask men change went light kind off need house picture try us again animal point mother world near "
      + "build self earth father head stand own page should country found answer school grow study still learn "
      + "plant cover food sun four between state keep eye never last let thought city tree cross farm hard start "
      + "might story saw far sea draw left late run while press close night real life few north open seem together "
      + "next white children begin got walk example ease paper group always music those both mark often letter "
      + "until mile river car feet care second book carry took science eat room friend began idea fish mountain "
      + "stop once base hear horse cut sure watch color face wood main enough plain girl usual young ready above "
      + "ever red list though feel talk bird soon body dog family direct pose leave song measure door product black "
      + "short numeral class wind question happen complete ship area half rock order fire south problem piece told "
      + "knew pass since top whole king space heard best hour better true during hundred five remember step early "
      + "hold west ground interest reach fast verb sing listen six table travel less morning ten simple several "
      + "vowel toward war lay against pattern slow center love person money serve appear road map rain rule govern "
      + "pull cold notice voice unit power town fine certain fly fall lead cry dark machine note wait plan figure "
      + "star box noun field rest correct able pound done beauty drive stood contain front teach week final gave "
      + "green quick brown fox jumps lazy develop ocean warm free minute strong special behind clear tail produce "
      + "fact street inch multiply nothing course stay wheel full force blue object decide surface deep moon island "
      + "foot system busy test record boat common gold possible plane stead dry wonder laugh thousand ago ran check "
      + "game shape equate miss brought heat snow tire bring yes distant fill east paint language among").split(" ");

  private static final String[] PREFIXES = {"", "", "", "re", "un", "in", "dis", "pre", "over", "out", "under", "mis"};
  private static final String[] ROOTS = {
      "act", "form", "port", "struct", "duct", "press", "tract", "mit", "spect", "vert", "cept", "fer", "pose", "sign",
      "scribe", "cred", "dict", "graph", "mark", "work", "play", "light", "hand", "stand", "turn", "hold", "ring",
      "call", "pass", "path", "line", "land", "time", "place", "point", "water", "house", "fire", "stone", "wood",
      "book", "road", "field", "wind", "star", "rain", "world", "heart", "mind", "night", "bird", "horse", "tree",
      "river", "hill", "town", "ship", "gold", "iron", "glass", "paper", "song", "name", "story", "sound", "color",
      "power", "order", "change", "plan", "count", "stream", "share", "trust", "build", "grow", "learn", "teach",
      "paint", "fold", "keep", "load", "note", "print", "read", "shape", "test", "view", "watch", "start", "cover"};
  private static final String[] SUFFIXES = {"", "", "s", "ed", "ing", "er", "ly", "ful", "ness", "less", "able",
      "ment", "ion", "ers", "ings"};

  private Vocabulary() {}

  /**
   * The words, most frequent first, without duplicates.
   *
   * @param size how many (more than the common words: the rest are made up)
   * @param seed the seed choosing the made-up words
   * @return {@code size} distinct words
   */
  static List<String> words(int size, long seed) {
    Set<String> words = new LinkedHashSet<>(List.of(COMMON));
    List<String> made = new ArrayList<>();
    for (String prefix : PREFIXES) {
      for (String root : ROOTS) {
        for (String suffix : SUFFIXES) {
          made.add(prefix + root + suffix);
        }
      }
    }
    Collections.shuffle(made, new Random(seed));
    for (int i = 0; words.size() < size && i < made.size(); i++) {
      words.add(made.get(i));
    }
    if (words.size() < size) {
      throw new IllegalArgumentException("at most " + words.size() + " words can be made, not " + size);
    }
    return List.copyOf(words).subList(0, size);
  }
}
