package io.cascade.server.ui;

import io.cascade.testsupport.TempDirs;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system Chromium driven through the system chromedriver (Debian's {@code chromium} and {@code
 * chromium-driver}): both paths are given, so Selenium Manager has nothing to look up or download.
 * One browser per test class, with a fresh profile directory; screenshots go to {@code
 * target/ui-screenshots}.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("cascade.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("cascade.chromedriver", "/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;

    Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        try {
            profile = Files.createTempDirectory("cascade-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    /** Whether the system browser and driver are installed. */
    static boolean available() {
        return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens a dashboard route, e.g. {@code "#/namespaces"}. */
    void open(String hash) {
        driver.get(baseUrl + "/ui/" + hash);
    }

    /** Forgets the key of this tab and signs in with {@code key} on the login form. */
    void signIn(String key) {
        open("#/namespaces");
        script("sessionStorage.clear()");
        driver.navigate().refresh();
        WebElement input = visible(By.name("apiKey"));
        input.sendKeys(key);
        driver.findElement(By.cssSelector("#login button[type=submit]")).click();
        visible(By.id("who"));
    }

    /** What the pages wrote to the console since the last call: uncaught errors and policy violations among them. */
    List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage())
                .toList();
    }

    WebElement visible(By by) {
        return until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits up to 15 s for a condition; on time-out, saves a screenshot and tells what the page says. */
    <T> T until(Function<WebDriver, T> condition) {
        try {
            // Pages redraw as live messages arrive: an element found just before a redraw is stale, so look again.
            return new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(50))
                    .ignoring(StaleElementReferenceException.class)
                    .until(condition::apply);
        } catch (TimeoutException e) {
            screenshot("failed-" + System.currentTimeMillis());
            String page = driver.findElements(By.tagName("body")).stream()
                    .map(WebElement::getText)
                    .findFirst()
                    .orElse("");
            throw new TimeoutException(
                    e.getMessage() + "\nat " + driver.getCurrentUrl() + " the page reads:\n" + page, e);
        }
    }

    /** Waits until the element's text contains {@code text}, and returns it. */
    WebElement text(By by, String text) {
        until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver.findElement(by);
    }

    /** Waits until the element's whole text is {@code text} (looking again when a live redraw replaced it). */
    void textIs(By by, String text) {
        until(driver -> text.equals(driver.findElement(by).getText()));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Replaces a text field's or textarea's value as if typed, firing input events. */
    void type(By by, String text) {
        WebElement element = visible(by);
        element.clear();
        element.sendKeys(text);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves a screenshot of the viewport as {@code target/ui-screenshots/<name>.png}. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            TempDirs.delete(profile);
        }
    }
}
