package io.impetus.examples.pipeline;

import io.impetus.client.Client;
import io.impetus.client.Fork;
import io.impetus.client.Job;
import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Progress;
import io.impetus.client.Shutdown;
import io.impetus.client.Startup;
import io.impetus.local.ClientOptions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A crawler in miniature, the use the original Impetus was built for: it crawls the made-up
 * {@link Shop} (offline, the same every time) through three stages, each fed by jobs that run on
 * workers.
 *
 * <pre>
 *   start ──listing──▶ listings ──item──▶ items ──quote──▶ quotes
 *                       │    ▲
 *                       └────┘ listing of the next page, until the last one
 * </pre>
 *
 * <ul>
 *   <li>{@code start} forks {@code listing} of the first page of each category; its results go
 *       to the next stage, {@code listings}.
 *   <li>{@code listings} forks {@code listing} of the next page back to itself ({@code
 *       Fork.callback("listings")}), and {@code item} for every item on the page, whose results go
 *       to the next stage, {@code items}.
 *   <li>{@code items} forks {@code quote} for every item it got; one item page in ten has no
 *       price, and its job ends in {@code items.err}.
 *   <li>{@code quotes} adds up the prices in euros; a price in a currency without an exchange
 *       rate (one in nine) ends in {@code quotes.err}.
 * </ul>
 *
 * <p>Each stage runs in a thread of its own and alone touches its own counters; the
 * {@code @Shutdown} method runs after every stage has ended, and prints them.
 */
public class Pipeline extends Client {

  /** The most categories a crawl may cover. */
  public static final int MAX_CATEGORIES = 1000;

  private static final Map<String, BigDecimal> EUROS_PER_UNIT = Map.of(
      "EUR", BigDecimal.ONE,
      "USD", new BigDecimal("0.92"),
      "GBP", new BigDecimal("1.17"),
      "CHF", new BigDecimal("1.04"));

  private final int categories;

  private int listingsOk;
  private int listingErrors;
  private int itemsFound;
  private int itemsOk;
  private int itemErrors;
  private int quotesOk;
  private int quoteErrors;
  private BigDecimal total = BigDecimal.ZERO.setScale(2);

  /**
   * A crawl of the first {@code categories} categories of the shop, for the queue at {@code
   * address}, whose stream has these properties (as {@code -r} gives them).
   *
   * @throws IllegalArgumentException when {@code categories} is not from 1 to {@value
   *     #MAX_CATEGORIES}, or as {@link Client}'s constructor
   */
  public Pipeline(String address, String authkey, Path taskdir, String id,
      Map<String, String> properties, int categories) {
    super(address, authkey, taskdir, id, properties);
    if (categories < 1 || categories > MAX_CATEGORIES) {
      throw new IllegalArgumentException("categories must be from 1 to " + MAX_CATEGORIES
          + ", not " + categories);
    }
    this.categories = categories;
  }

  /** A listing page: the items on it, and the path of the next page, null on the last. */
  public record Listing(String path, List<Integer> items, String next) {}

  /** An item as its page shows it. */
  public record Item(int id, String title, BigDecimal price, String currency) {}

  /** An item's price in euros. */
  public record Quote(int id, BigDecimal euros) {}

  /** Runs on a worker: fetches a listing page and reads its items and its next page. */
  @Node
  public static Listing listing(String path) {
    List<Integer> ids = new ArrayList<>();
    String next = null;
    for (String line : Shop.fetch(path).split("\n")) {
      if (line.startsWith("item ")) {
        ids.add(Integer.parseInt(line.substring("item ".length())));
      } else if (line.startsWith("next ")) {
        next = line.substring("next ".length());
      }
    }
    return new Listing(path, List.copyOf(ids), next);
  }

  /** Runs on a worker: fetches an item's page and reads it; fails when it has no price. */
  @Node
  public static Item item(int id) {
    String title = "";
    String price = null;
    for (String line : Shop.fetch("/item/" + id).split("\n")) {
      if (line.startsWith("title ")) {
        title = line.substring("title ".length());
      } else if (line.startsWith("price ")) {
        price = line.substring("price ".length());
      }
    }
    if (price == null) {
      throw new IllegalStateException("item " + id + ": the page shows no price");
    }
    String[] amountAndCurrency = price.split(" ");
    return new Item(id, title, new BigDecimal(amountAndCurrency[0]), amountAndCurrency[1]);
  }

  /** Runs on a worker: converts an item's price to euros; fails for an unknown currency. */
  @Node
  public static Quote quote(Item item) {
    BigDecimal rate = EUROS_PER_UNIT.get(item.currency());
    if (rate == null) {
      throw new IllegalArgumentException(
          "item " + item.id() + ": no exchange rate for " + item.currency());
    }
    return new Quote(item.id(), item.price().multiply(rate).setScale(2, RoundingMode.HALF_EVEN));
  }

  /** Forks the first listing page of each category; the results go to {@code listings}. */
  @Startup
  public void start() {
    for (int category = 1; category <= categories; category++) {
      fork("listing", Shop.firstPage(category));
    }
  }

  /**
   * Follows each listing page to the next one (back into this stage, ahead of the items) and
   * forks its items (on to {@code items}).
   */
  @Process
  public void listings(List<Job> ready, List<Job> errors) {
    for (Job job : ready) {
      Listing listing = job.result(Listing.class);
      if (listing.next() != null) {
        fork("listing", listing.next(), Fork.callback("listings").priority(-1));
      }
      for (int id : listing.items()) {
        fork("item", id);
      }
      itemsFound += listing.items().size();
    }
    listingsOk += ready.size();
    listingErrors += errors.size();
  }

  /**
   * Forks a quote for each item (on to {@code quotes}), naming the job by a method reference,
   * which the compiler checks; an item whose page had no price is among the errors.
   */
  @Process
  public void items(List<Job> ready, List<Job> errors) {
    for (Job job : ready) {
      fork(Pipeline::quote, job.result(Item.class));
    }
    itemsOk += ready.size();
    itemErrors += errors.size();
  }

  /** Adds up the prices in euros. */
  @Process
  public void quotes(List<Job> ready, List<Job> errors) {
    for (Job job : ready) {
      total = total.add(job.result(Quote.class).euros());
    }
    quotesOk += ready.size();
    quoteErrors += errors.size();
  }

  /** Prints what each stage got. */
  @Shutdown
  public void stop(List<Job> ready, List<Job> errors, Progress progress) {
    System.out.println("listings: " + listingsOk + " ok, " + listingErrors + " failed, "
        + itemsFound + " items found");
    System.out.println("items: " + itemsOk + " ok, " + itemErrors + " failed");
    System.out.println("quotes: " + quotesOk + " ok, " + quoteErrors + " failed");
    System.out.println("Total: " + total + " EUR");
    System.out.println("shutting down");
  }

  /**
   * Runs the example: {@code pipeline [-q HOST] [-p PORT] [-a KEY] [-t TASKDIR] [-i ID]
   * [-r K:V,...] [--categories N]}. A bad option is one line and status 2; a run that fails, one
   * line and status 1.
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The example's command line, whose usage errors are one line each. */
  static CommandLine commandLine() {
    return ClientOptions.commandLine(new Options());
  }

  /** The options every example shares, and how many categories to crawl. */
  @Command(name = "pipeline", mixinStandardHelpOptions = true,
      description = "Crawls a generated shop through three stages and adds up its prices.")
  static final class Options implements Callable<Integer> {

    @Mixin ClientOptions client = new ClientOptions();

    int categories = 4;

    @Spec CommandSpec spec;

    /** Reads {@code --categories}, checking its range as it is parsed. */
    @Option(names = "--categories", paramLabel = "N",
        description = "how many categories of the shop to crawl, 1 to 1000 (default: 4)")
    void categories(int count) {
      if (count < 1 || count > MAX_CATEGORIES) {
        throw new ParameterException(spec.commandLine(), "invalid value for option"
            + " '--categories': " + count + " is not from 1 to " + MAX_CATEGORIES);
      }
      categories = count;
    }

    @Override
    public Integer call() {
      return client.run(Pipeline.class, (address, authkey, taskdir, id, properties) ->
          new Pipeline(address, authkey, taskdir, id, properties, categories));
    }
  }
}
