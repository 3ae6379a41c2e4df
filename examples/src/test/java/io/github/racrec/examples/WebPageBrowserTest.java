package io.github.racrec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.racrec.examples.web.ServiceLimits;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page in a real browser: Debian's headless chromium, driven through its chromedriver.
 * Skipped with a message where they are not installed ({@code apt-get install chromium
 * chromium-driver}; CI installs them).
 */
class WebPageBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private static WebServiceFixture service;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    boolean browserHere = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String missing =
        "no " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)";
    // CI sets RACREC_REQUIRE_BROWSER: there a missing browser fails the build instead of skipping.
    if (System.getenv("RACREC_REQUIRE_BROWSER") != null) {
      assertTrue(browserHere, missing);
    }
    assumeTrue(browserHere, "skipped: " + missing);
    service = new WebServiceFixture(ServiceLimits.defaults());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1400");
    ChromeDriverService driverService =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(driverService, options);
    browser.manage().window().setSize(new Dimension(1280, 1400));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.close();
    }
  }

  @Test
  void reviewsIn_tenRecommendationsOut_withTitlesStarsAndExplanations() throws Exception {
    List<WebElement> cards =
        submit(
            "A haunting film with a score that stayed with me for days.\n"
                + "Loud, dumb action movie, but the car chases are fun.\n"
                + "A warm, funny family story; the kids watched it three times.");
    assertEquals(10, cards.size());
    for (WebElement card : cards) {
      assertFalse(card.findElement(By.className("title")).getText().isBlank());
      assertTrue(card.findElement(By.className("stars")).getText().contains("★"));
    }
    long explained =
        cards.stream().filter(c -> !c.findElements(By.className("because")).isEmpty()).count();
    assertTrue(explained > 0, "at least one 'because you wrote' quote");
    for (WebElement card : cards) {
      for (WebElement quote : card.findElements(By.className("quote"))) {
        assertTrue(quote.getText().length() > 10, quote.getText());
      }
    }
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Path target = Path.of("target", "web-demo.png");
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    assertTrue(Files.size(target) > 10_000);
  }

  @Test
  void markupInAReview_showsAsText_andRunsNothing() {
    String image = "<img src=x onerror=\"window.__racrecXss = 'img'\"> lovely soundtrack";
    String script = "<script>window.__racrecXss = 'script'</script> a sad, slow film";
    List<WebElement> cards = submit(image + "\n" + script);
    assertEquals(10, cards.size());
    WebElement results = browser.findElement(By.id("results"));
    assertTrue(results.findElements(By.tagName("img")).isEmpty(), "no image element was made");
    assertTrue(results.findElements(By.tagName("script")).isEmpty(), "no script element was made");
    List<String> quotes =
        results.findElements(By.className("quote")).stream().map(WebElement::getText).toList();
    assertTrue(
        quotes.stream().allMatch(q -> q.equals(image) || q.equals(script)),
        "quotes show the reviews verbatim: " + quotes);
    // Quotes appear only where a review contributed positively, which depends on the trained model.
    assertNull(((JavascriptExecutor) browser).executeScript("return window.__racrecXss;"));
  }

  @Test
  void anEmptyForm_showsAnError() {
    browser.get(service.url("/"));
    browser.findElement(By.id("recommend")).click();
    WebElement error = browser.findElement(By.id("error"));
    assertTrue(error.isDisplayed());
    assertTrue(error.getText().contains("at least one"), error.getText());
  }

  private List<WebElement> submit(String reviews) {
    browser.get(service.url("/"));
    WebElement textarea = browser.findElement(By.id("reviews"));
    textarea.clear();
    textarea.sendKeys(reviews);
    browser.findElement(By.id("recommend")).click();
    new WebDriverWait(browser, Duration.ofSeconds(60))
        .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#results .card"), 10));
    return browser.findElements(By.cssSelector("#results .card"));
  }
}
