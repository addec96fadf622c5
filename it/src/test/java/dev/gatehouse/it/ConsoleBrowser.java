package dev.gatehouse.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (the Debian packages {@code chromium} and {@code chromium-driver}, so
 * Selenium Manager downloads nothing) pointed at the test domain's console, which signs in as the
 * demo users that {@code gatehouse up} created, and saves a screenshot of every page it is asked to
 * under {@code target/screenshots/<database>/}.
 */
final class ConsoleBrowser implements AutoCloseable {

  private static final AtomicInteger SHOTS = new AtomicInteger();

  private final TestDomain domain;
  private final ChromeDriverService service;
  private final WebDriver driver;
  private final Path screenshots;

  ConsoleBrowser(TestDomain domain) {
    this.domain = domain;
    this.service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1366,1000");
    options.setAcceptInsecureCerts(true);
    this.driver = new ChromeDriver(service, options);
    this.screenshots =
        Path.of("target", "screenshots", System.getProperty("gatehouse.it.database", "h2"));
    clearScreenshots();
  }

  private static final java.util.concurrent.atomic.AtomicBoolean CLEARED =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Drops the pictures of an earlier run, once per test JVM, so the directory shows this run only
   * (and a second browser in the same run keeps the first one's).
   */
  private void clearScreenshots() {
    if (!CLEARED.compareAndSet(false, true)) {
      return;
    }
    try (var old = Files.list(screenshots)) {
      for (Path p : (Iterable<Path>) old::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (java.nio.file.NoSuchFileException e) {
      // first run
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  WebDriver driver() {
    return driver;
  }

  String url(String consolePath) {
    return "https://localhost:" + domain.httpsPort() + "/console" + consolePath;
  }

  void open(String consolePath) {
    driver.get(url(consolePath));
  }

  /** The password of a demo user, from the file {@code gatehouse up} wrote. */
  String password(String user) {
    for (String line :
        TestDomain.read(Path.of(domain.value("GATEHOUSE_CONSOLE_USERS_FILE"))).split("\n")) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length >= 2 && parts[0].equals(user)) {
        return parts[1];
      }
    }
    throw new IllegalStateException("No demo user " + user);
  }

  /** Signs in through the login form (a fresh session: cookies of an earlier user are dropped). */
  void signIn(String user) {
    open("/login.xhtml");
    driver.manage().deleteAllCookies();
    open("/login.xhtml");
    submitLogin(user);
  }

  /** Fills in and sends the login form already open, keeping the browser's cookies. */
  void submitLogin(String user) {
    find("login:username").sendKeys(user);
    find("login:password").sendKeys(password(user));
    find("login:submit").click();
    waitFor(ExpectedConditions.not(ExpectedConditions.urlContains("login.xhtml")));
  }

  WebElement find(String id) {
    return driver.findElement(By.id(id));
  }

  boolean present(String cssSelector) {
    return !driver.findElements(By.cssSelector(cssSelector)).isEmpty();
  }

  <T> T waitFor(java.util.function.Function<? super WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
  }

  String text(String cssSelector) {
    return waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(cssSelector)))
        .getText();
  }

  /** The session cookie, for fetching a console URL outside the browser (a download). */
  Map<String, String> cookies() {
    Map<String, String> cookies = new HashMap<>();
    driver.manage().getCookies().forEach(c -> cookies.put(c.getName(), c.getValue()));
    return cookies;
  }

  /** Saves what the browser shows now as {@code <n>-<name>.png}. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(screenshots);
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Path target =
          screenshots.resolve(
              String.format("%02d-%s.png", SHOTS.incrementAndGet(), name.replaceAll("\\W", "-")));
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }
}
