package io.impetus.examples.pipeline;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web shop that {@link Pipeline} crawls, made up from numbers so that the example runs
 * offline and prints the same every time. {@link #fetch} answers a path with the text of its
 * page, a pure function of the path, as a server whose content never changes would:
 *
 * <pre>
 *   /category/2/page/3          /item/20301
 *   ------------------------    -----------------
 *   item 20301                  title Red Kettle
 *   item 20302                  price 12.99 USD
 *   next /category/2/page/4
 * </pre>
 *
 * <p>Categories are numbered from 1; each has 2 to 5 listing pages of 3 to 8 items; item {@code
 * 20301} is the first item of page 3 of category 2; the last page of a category has no {@code
 * next} line. On purpose,
 * one item page in ten has lost its price line, and one price in nine is in XTS (the currency
 * code ISO 4217 keeps for tests), for which no exchange rate exists.
 *
 * <p>Stateless and thread-safe; it runs on the workers, inside the jobs.
 */
final class Shop {

  private static final Pattern LISTING = Pattern.compile("/category/(\\d{1,5})/page/(\\d{1,2})");
  private static final Pattern ITEM = Pattern.compile("/item/(\\d{1,9})");
  private static final List<String> COLOURS =
      List.of("Red", "Blue", "Green", "Black", "White", "Yellow");
  private static final List<String> THINGS =
      List.of("Kettle", "Lamp", "Chair", "Teapot", "Clock", "Vase", "Mug");
  private static final List<String> CURRENCIES =
      List.of("EUR", "EUR", "EUR", "USD", "USD", "GBP", "CHF", "CHF", "XTS");

  private Shop() {}

  /** The path of the first listing page of {@code category}. */
  static String firstPage(int category) {
    return listingPath(category, 1);
  }

  private static String listingPath(int category, int page) {
    return "/category/" + category + "/page/" + page;
  }

  /**
   * The text of the page at {@code path}.
   *
   * @throws IllegalArgumentException when the shop has no such page
   */
  static String fetch(String path) {
    Matcher listing = LISTING.matcher(path);
    if (listing.matches()) {
      return listingPage(path, Integer.parseInt(listing.group(1)),
          Integer.parseInt(listing.group(2)));
    }
    Matcher item = ITEM.matcher(path);
    if (item.matches()) {
      return itemPage(path, Integer.parseInt(item.group(1)));
    }
    throw notFound(path);
  }

  private static String listingPage(String path, int category, int page) {
    if (category < 1 || page < 1 || page > pages(category)) {
      throw notFound(path);
    }
    StringBuilder text = new StringBuilder();
    for (int slot = 1; slot <= items(category, page); slot++) {
      text.append("item ").append(category * 10_000 + page * 100 + slot).append('\n');
    }
    if (page < pages(category)) {
      text.append("next ").append(listingPath(category, page + 1)).append('\n');
    }
    return text.toString();
  }

  private static String itemPage(String path, int id) {
    int category = id / 10_000;
    int page = id / 100 % 100;
    int slot = id % 100;
    if (category < 1 || page < 1 || page > pages(category)
        || slot < 1 || slot > items(category, page)) {
      throw notFound(path);
    }
    String title = COLOURS.get(roll(COLOURS.size(), id, 1)) + " "
        + THINGS.get(roll(THINGS.size(), id, 2));
    BigDecimal amount = BigDecimal.valueOf(100 + roll(9_900, id, 3), 2);
    String currency = CURRENCIES.get(roll(CURRENCIES.size(), id, 4));
    boolean lostItsPrice = roll(10, id, 5) == 0;
    String price = lostItsPrice ? "" : "price " + amount + " " + currency + "\n";
    return "title " + title + "\n" + price;
  }

  private static int pages(int category) {
    return 2 + roll(4, category);
  }

  private static int items(int category, int page) {
    return 3 + roll(6, category, page);
  }

  private static IllegalArgumentException notFound(String path) {
    return new IllegalArgumentException("404 not found: " + path);
  }

  /** A number from 0 to {@code sides - 1}, always the same for the same {@code address}. */
  private static int roll(int sides, long... address) {
    long hash = 0x9e3779b97f4a7c15L;
    for (long part : address) {
      hash = mix(hash + part);
    }
    return (int) Math.floorMod(hash, (long) sides);
  }

  /** The finalizer of SplitMix64: every bit of the input changes about half the output bits. */
  private static long mix(long value) {
    long z = (value ^ (value >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
