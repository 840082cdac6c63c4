package dev.databricksmcp.sandbox.genie;

import dev.databricksmcp.sandbox.genie.GenieSpaceSpec.Example;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The sandbox's stand-in for Genie's model: a question is answered with the example question of the
 * space it overlaps most (Jaccard similarity of the content words, lower-cased, with a crude plural
 * stem), when the overlap reaches {@link #THRESHOLD}. A follow-up that does not match on its own
 * ("by region") is read together with the conversation's previous question, which is how a
 * refinement finds the example it refines to.
 */
final class QuestionMatcher {
  static final double THRESHOLD = 0.4;

  private static final Set<String> STOP_WORDS =
      Set.of(
          "a", "an", "the", "is", "are", "was", "were", "be", "what", "which", "who", "how", "of",
          "for", "in", "on", "to", "per", "each", "there", "it", "this", "that", "me", "show",
          "give", "list", "and", "or", "by", "do", "does", "i", "we", "our", "please", "can", "you",
          "with", "its", "now", "same", "but", "just", "break", "down", "split");

  private QuestionMatcher() {}

  /** The example the question matches, or, failing that, the question read after {@code prior}. */
  static Optional<Example> match(List<Example> examples, String question, String prior) {
    Optional<Example> alone = best(examples, words(question));
    if (alone.isPresent() || prior == null) {
      return alone;
    }
    Set<String> together = words(prior);
    together.addAll(words(question));
    return best(examples, together);
  }

  private static Optional<Example> best(List<Example> examples, Set<String> asked) {
    Example best = null;
    double bestScore = 0;
    for (Example e : examples) {
      double score = jaccard(asked, words(e.question()));
      if (score > bestScore) {
        best = e;
        bestScore = score;
      }
    }
    return bestScore >= THRESHOLD ? Optional.of(best) : Optional.empty();
  }

  private static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    return (double) both.size() / union.size();
  }

  static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (!w.isEmpty() && !STOP_WORDS.contains(w)) {
        out.add(stem(w));
      }
    }
    return out;
  }

  private static String stem(String w) {
    if (w.length() > 4 && w.endsWith("ies")) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }
}
