package io.impetus.examples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example's jobs called directly, without Impetus: the crawl its output must match. */
class PipelineTest {

  @Test
  void crawlingTheDefaultFourCategoriesByHandGivesTheDocumentedNumbers() {
    Deque<String> pages = new ArrayDeque<>();
    for (int category = 1; category <= 4; category++) {
      pages.add(Shop.firstPage(category));
    }
    int listings = 0;
    List<Integer> found = new ArrayList<>();
    int itemsOk = 0;
    int itemErrors = 0;
    int quotesOk = 0;
    int quoteErrors = 0;
    BigDecimal total = BigDecimal.ZERO;
    while (!pages.isEmpty()) {
      Pipeline.Listing listing = Pipeline.listing(pages.remove());
      listings++;
      if (listing.next() != null) {
        pages.add(listing.next());
      }
      found.addAll(listing.items());
      for (int id : listing.items()) {
        Pipeline.Item item;
        try {
          item = Pipeline.item(id);
          itemsOk++;
        } catch (IllegalStateException e) {
          assertThat(e).hasMessage("item " + id + ": the page shows no price");
          itemErrors++;
          continue;
        }
        try {
          total = total.add(Pipeline.quote(item).euros());
          quotesOk++;
        } catch (IllegalArgumentException e) {
          assertThat(e).hasMessage("item " + id + ": no exchange rate for XTS");
          quoteErrors++;
        }
      }
    }

    assertThat(listings).isEqualTo(14);
    assertThat(found).hasSize(66).doesNotHaveDuplicates();
    assertThat(itemsOk).isEqualTo(61);
    assertThat(itemErrors).isEqualTo(5);
    assertThat(quotesOk).isEqualTo(56);
    assertThat(quoteErrors).isEqualTo(5);
    assertThat(total).isEqualTo(new BigDecimal("2517.02"));
  }

  @Test
  void aCategoryIsFollowedFromPageToPageUntilTheLastHasNoNext() {
    List<String> followed = new ArrayList<>();
    for (String path = Shop.firstPage(2); path != null; path = Pipeline.listing(path).next()) {
      followed.add(path);
    }

    assertThat(followed).hasSizeBetween(2, 5).first().isEqualTo("/category/2/page/1");
    assertThat(followed.get(followed.size() - 1))
        .isEqualTo("/category/2/page/" + followed.size());
    assertThatThrownBy(() -> Shop.fetch("/category/2/page/" + (followed.size() + 1)))
        .hasMessage("404 not found: /category/2/page/" + (followed.size() + 1));
  }

  @Test
  void pagesAreTheSameEveryTimeAndUnknownPathsAreNotFound() {
    assertThat(Shop.fetch("/category/3/page/1")).isEqualTo(Shop.fetch("/category/3/page/1"))
        .startsWith("item 30101\n");
    assertThat(Shop.fetch("/item/30101")).startsWith("title ");
    assertThatThrownBy(() -> Shop.fetch("/item/30199")).hasMessage("404 not found: /item/30199");
    assertThatThrownBy(() -> Shop.fetch("/category/0/page/1"))
        .hasMessage("404 not found: /category/0/page/1");
    assertThatThrownBy(() -> Shop.fetch("/robots.txt")).hasMessage("404 not found: /robots.txt");
  }

  @Test
  void aQuoteIsThePriceInEurosRoundedToTheCent() {
    Pipeline.Quote quote = Pipeline.quote(new Pipeline.Item(7, "Red Lamp", new BigDecimal("9.99"),
        "USD"));

    assertThat(quote).isEqualTo(new Pipeline.Quote(7, new BigDecimal("9.19")));
  }
}
