package org.inertia.examples.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.inertia.examples.CliRunner;
import org.inertia.examples.cli.StudioAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The studio's page in a real headless Chromium (Debian's chromium and chromium-driver, which .ci/run
 * installs): it loads without console errors, draws a run's curves, places a playground start where
 * it is clicked and draws exactly the API's path, and redraws when β moves. Skipped, saying so, where
 * Chromium is not installed. With -Dstudio.screenshots=DIR it saves the views' screenshots there.
 */
class StudioBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private static Path tmp;
    private static StudioServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "skipped: no Chromium here "
            + "(apt-get install chromium chromium-driver; .ci/run installs them)");
        tmp = Files.createTempDirectory("studio-browser");
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        CliRunner.Result r = CliRunner.run("train", "--model", "mlp", "--epochs", "2", "--train-limit", "1280",
            "--test-limit", "100", "--log-every", "1", "--diagnostics-every", "1", "--out", runs.resolve("mlp-nesterov").toString());
        assertEquals(0, r.exitCode(), r.err());
        server = new StudioServer(runs, "127.0.0.1", 0, StudioAccess.trace());
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
            .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,950",
                "--disable-dev-shm-usage", "--no-proxy-server");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(),
            options);
        browser.get("http://127.0.0.1:" + server.port() + "/");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(js("return window.studio && "
            + "window.studio.ready === true")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static void screenshot(String name) throws Exception {
        String dir = System.getProperty("studio.screenshots");
        if (dir != null) {
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.createDirectories(Path.of(dir));
            Files.copy(shot, Path.of(dir, name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String api(String query) throws Exception {
        return HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/api/trace?" + query)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void loadsWithoutConsoleErrorsAndDrawsTheRunsCurves() throws Exception {
        browser.findElement(By.id("tab-runs")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> ((Number) js(
            "return studio.runsChart.getOption().series.length")).intValue() > 0);
        long points = ((Number) js("return studio.runsChart.getOption().series[1].data.length")).longValue();
        assertEquals(40, points, "one point per logged step: 2 epochs of 20 batches");
        assertEquals("mlp-nesterov (raw)", js("return studio.runsChart.getOption().series[0].name"));
        assertEquals(2L, ((Number) js("return studio.epochsChart.getOption().series[0].data.length")).longValue(),
            "test accuracy per epoch, 2 epochs");
        assertEquals("mlp-nesterov momentum", js("return studio.lrChart.getOption().series[1].name"));
        assertEquals("mlp-nesterov test loss", js("return studio.epochLossChart.getOption().series[0].name"));
        // The run's config and summary, one row per key.
        String details = (String) js("return document.querySelector('#run-list details table').textContent");
        assertTrue(details.contains("optimizernesterov") && details.contains("epochs2") && details.contains("test_accuracy"),
            details);
        // Per layer: one update-ratio curve per parameter tensor (the MLP's three Linear layers: 6), one point per step.
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> ((Number) js(
            "return studio.ratioChart.getOption().series.length")).intValue() == 6);
        assertEquals(40L, ((Number) js("return studio.ratioChart.getOption().series[0].data.length")).longValue());
        assertEquals("1.weight", js("return studio.ratioChart.getOption().series[0].name"));
        assertTrue(((Number) js("return studio.alignmentChart.getOption().series.length")).intValue() == 6);
        js("const s = document.getElementById('layer'); s.value = '3.bias'; s.dispatchEvent(new Event('change'));");
        assertEquals(1L, ((Number) js("return studio.ratioChart.getOption().series.length")).longValue(), "one layer chosen");
        assertEquals(2L, ((Number) js("return studio.normsChart.getOption().series.length")).longValue(), "its ‖g‖ and ‖v‖");
        js("const s = document.getElementById('layer'); s.value = ''; s.dispatchEvent(new Event('change'));");
        // The confusion matrix of the last epoch: 10 × 10 cells holding every test example.
        assertEquals("2", js("return document.getElementById('confusion-epoch').value"));
        assertEquals(100L, ((Number) js("return studio.confusionChart.getOption().series[0].data.length")).longValue());
        assertEquals(100L, ((Number) js("return studio.confusionChart.getOption().series[0].data"
            + ".reduce((a, c) => a + c[3], 0)")).longValue());
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1700));   // the whole view
        js("window.dispatchEvent(new Event('resize')); document.getElementById('tab-runs').click();");
        Thread.sleep(800);
        screenshot("studio-runs.png");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 950));
        js("document.getElementById('tab-runs').click();");
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()).toList();
        assertEquals(List.of(), errors.stream().map(LogEntry::getMessage).toList(), "console errors");
    }

    @Test
    void clickingThePlaygroundPlacesTheStartAndDrawsTheApisPath() throws Exception {
        browser.findElement(By.id("tab-playground")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> js("return studio.lastTrace") != null);
        Thread.sleep(500);                          // the tab's own redraw
        long before = ((Number) js("return studio.redraws")).longValue();
        WebElement chart = browser.findElement(By.id("chart-surface"));
        @SuppressWarnings("unchecked")
        List<Number> pixel = (List<Number>) js("return studio.surfaceChart.convertToPixel({gridIndex: 0}, [-0.5, 2.5])");
        new Actions(browser).moveToElement(chart, pixel.get(0).intValue() - chart.getSize().getWidth() / 2,
            pixel.get(1).intValue() - chart.getSize().getHeight() / 2).click().perform();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> ((Number) js("return studio.redraws")).longValue()
            > before && ((String) js("return studio.lastQuery")).contains("start="));
        @SuppressWarnings("unchecked")
        List<Number> start = (List<Number>) js("return studio.start");
        assertEquals(-0.5, start.get(0).doubleValue(), 0.1, "the start is where the click was");
        assertEquals(2.5, start.get(1).doubleValue(), 0.1);
        String query = (String) js("return studio.lastQuery");
        assertTrue(query.contains("start="), query);
        String fromApi = api(query);
        assertEquals(fromApi, js("return studio.lastTrace"), "the page drew what the API answers");
        // The drawn line is the API's path, point for point.
        String[] lines = fromApi.strip().split("\n");
        String[] firstMomentum = lines[1].split(",");
        @SuppressWarnings("unchecked")
        List<Number> drawn = (List<Number>) js("return studio.surfaceChart.getOption().series[1].data[0]");
        assertEquals(Double.parseDouble(firstMomentum[2]), drawn.get(0).doubleValue(), 1e-12);
        assertEquals(Double.parseDouble(firstMomentum[3]), drawn.get(1).doubleValue(), 1e-12);
        long drawnPoints = ((Number) js("return studio.surfaceChart.getOption().series[1].data.length")).longValue();
        assertEquals(lines.length - 1, 2 * drawnPoints, "two optimizers, every point of each drawn");
        screenshot("studio-playground.png");
    }

    @Test
    void everyTraceOptionHasAControlAndTheQuadraticTakesAConditionNumber() throws Exception {
        browser.findElement(By.id("tab-playground")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> js("return studio.lastTrace") != null);
        for (String generated : List.of("dtype", "dampening", "weight-decay", "form", "bias-correction", "adaptive", "eps",
                "centered", "amsgrad", "lr-schedule", "lr-gamma", "warmup-steps", "momentum-schedule", "momentum-max",
                "restart-every", "lr-step-every", "sweep")) {
            assertEquals(1, browser.findElements(By.id("opt-" + generated)).size(), "a control for --" + generated);
        }
        assertEquals(true, js("return document.getElementById('opt-amsgrad').disabled"), "no Adam ticked: greyed");
        assertTrue(!browser.findElement(By.id("condition")).isDisplayed(), "κ is the quadratic's only");
        js("const f = document.getElementById('function'); f.value = 'quadratic'; f.dispatchEvent(new Event('change'));");
        js("const k = document.getElementById('condition'); k.value = '3'; k.dispatchEvent(new Event('change'));");
        js("const r = document.getElementById('opt-restart-every'); r.value = '25'; r.dispatchEvent(new Event('input'));");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            String q = (String) js("return studio.lastQuery");
            return q.contains("condition=1000") && q.contains("restart-every=25");
        });
        assertTrue(browser.findElement(By.id("condition")).isDisplayed());
        String query = (String) js("return studio.lastQuery");
        assertEquals(api(query), js("return studio.lastTrace"), "the page drew what the API answers for " + query);
        assertTrue(((String) js("return document.getElementById('trace-command').textContent"))
            .contains("--condition 1000"), "the equivalent command is shown");
        js("document.querySelector('#optimizers input[value=adam]').click();");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !browser.findElement(By.id("trace-error")).getText()
            .isEmpty());
        assertTrue(browser.findElement(By.id("trace-error")).getText().contains("adam has no velocity to restart"),
            "the command's own refusal is shown");
        assertEquals(false, js("return document.getElementById('opt-amsgrad').disabled"));
        List<String> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()).map(LogEntry::getMessage)
            .toList();
        assertTrue(severe.stream().allMatch(m -> m.contains("/api/trace?") && m.contains("status of 400")),
            "the refused request is the only console error: " + severe);
        js("document.querySelector('#optimizers input[value=adam]').click();");
        js("const r = document.getElementById('opt-restart-every'); r.value = ''; r.dispatchEvent(new Event('input'));");
        js("const f = document.getElementById('function'); f.value = 'rosenbrock'; f.dispatchEvent(new Event('change'));");
    }

    @Test
    void theMomentumViewShowsTheTheoryBesideTheMeasuredRates() throws Exception {
        browser.findElement(By.id("tab-momentum")).click();
        browser.findElement(By.id("m-optimal")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> browser.findElement(By.id("m-beta-star")).getText()
            .equals("0.5658") && browser.findElements(By.cssSelector("#m-rates tbody tr")).size() == 2
            && "0.57".equals(browser.findElement(By.id("m-momentum-value")).getText()));
        assertEquals("50", browser.findElement(By.id("m-kappa")).getText());
        List<WebElement> cells = browser.findElements(By.cssSelector("#m-rates tbody tr td"));
        assertEquals("0.7522", cells.get(2).getText(), "predicted, x: (√κ − 1) / (√κ + 1)");
        assertEquals("0.7522", cells.get(6).getText(), "predicted, y");
        assertEquals(0.7522, Double.parseDouble(cells.get(3).getText()), 0.03, "measured, x");
        assertEquals(4L, ((Number) js("return studio.momentumChart.getOption().series.length")).longValue());
        screenshot("studio-momentum.png");
        js("const k = document.getElementById('m-condition'); k.value = String(Math.log10(400)); "
            + "k.dispatchEvent(new Event('input'));");
        browser.findElement(By.id("m-optimal")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> browser.findElement(By.id("m-kappa")).getText()
            .equals("400") && browser.findElement(By.id("m-beta-star")).getText().equals("0.8186"));
        assertEquals("f = 0.5 x² + 200 y²", browser.findElement(By.id("m-function")).getText());
    }

    @Test
    void movingTheBetaSliderRedrawsThePaths() throws InterruptedException {
        browser.findElement(By.id("tab-playground")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> js("return studio.lastTrace") != null);
        Thread.sleep(500);
        String before = (String) js("return studio.lastTrace");
        long redraws = ((Number) js("return studio.redraws")).longValue();
        js("const s = document.getElementById('momentum'); s.value = '0.5'; s.dispatchEvent(new Event('input'));");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> ((Number) js("return studio.redraws")).longValue()
            > redraws && ((String) js("return studio.lastQuery")).contains("momentum=0.5"));
        assertNotEquals(before, js("return studio.lastTrace"), "β changed the paths");
        assertEquals("0.50", browser.findElement(By.id("momentum-value")).getText());
    }
}
