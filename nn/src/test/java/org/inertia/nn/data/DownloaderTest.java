package org.inertia.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against a local HTTP server on 127.0.0.1 serving generated files. */
class DownloaderTest {
    @TempDir
    Path cache;

    private HttpServer server;
    private final byte[] payload = new byte[200_000];
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        new java.util.Random(1).nextBytes(payload);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/good.bin", ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, payload.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(payload);
            }
        });
        server.createContext("/corrupt.bin", ex -> {
            byte[] damaged = payload.clone();
            damaged[1234] ^= 1;
            ex.sendResponseHeaders(200, damaged.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(damaged);
            }
        });
        server.createContext("/drop.bin", ex -> {
            ex.sendResponseHeaders(200, payload.length);        // promises all of it...
            OutputStream out = ex.getResponseBody();
            out.write(payload, 0, payload.length / 3);           // ...sends a third, then the connection drops
            out.flush();
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    private String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private void assertNothingKept(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(), files.toList(), "no partial or corrupt file kept");
            }
        }
    }

    @Test
    void downloadsVerifiesCachesAndReusesAFile() throws Exception {
        Downloader d = new Downloader(cache);
        Downloader.Resource r = new Downloader.Resource("data.bin", url("/good.bin"), sha256(payload), md5(payload),
            payload.length);
        Path dir = cache.resolve("set");
        Path file = d.fetch(dir, r);
        assertArrayEquals(payload, Files.readAllBytes(file));
        assertEquals(1, requests.get());
        d.fetch(dir, r);
        assertEquals(1, requests.get(), "a verified cached file is reused");
        Files.write(file, new byte[] {1, 2, 3});                  // damage the cached copy
        assertArrayEquals(payload, Files.readAllBytes(d.fetch(dir, r)));
        assertEquals(2, requests.get(), "a damaged cached copy is fetched again");
    }

    @Test
    void aCorruptedDownloadIsRefusedAndNotKept() throws Exception {
        Downloader.Resource r = new Downloader.Resource("data.bin", url("/corrupt.bin"), null, md5(payload), -1);
        IOException e = assertThrows(IOException.class, () -> new Downloader(cache).fetch(cache.resolve("c"), r));
        assertTrue(e.getMessage().contains("corrupt") && e.getMessage().contains("MD5") && e.getMessage().contains(
            "/corrupt.bin"), e.getMessage());
        assertNothingKept(cache.resolve("c"));
    }

    @Test
    void aTransferThatDropsMidwayIsRefusedAndNotKept() throws Exception {
        Downloader.Resource r = new Downloader.Resource("data.bin", url("/drop.bin"), sha256(payload), null, -1);
        IOException e = assertThrows(IOException.class, () -> new Downloader(cache).fetch(cache.resolve("d"), r));
        assertTrue(e.getMessage().contains("/drop.bin") && (e.getMessage().contains("cut off")
            || e.getMessage().contains("failed")), e.getMessage());
        assertNothingKept(cache.resolve("d"));
    }

    @Test
    void httpErrorsAreReported() throws Exception {
        Downloader.Resource r = new Downloader.Resource("x.bin", url("/missing.bin"), sha256(payload), null, -1);
        IOException e = assertThrows(IOException.class, () -> new Downloader(cache).fetch(cache.resolve("m"), r));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertTrue(e instanceof DownloadFailedException, e.getClass().getName());
        assertNothingKept(cache.resolve("m"));
    }

    @Test
    void aRefusedConnectionIsNamedNotNull() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();               // nothing listens there once it is closed
        }
        Downloader.Resource r = new Downloader.Resource("x.bin", URI.create("http://127.0.0.1:" + closedPort + "/x.bin"),
            sha256(payload), null, -1);
        DownloadFailedException e = assertThrows(DownloadFailedException.class,
            () -> new Downloader(cache).fetch(cache.resolve("r"), r));
        assertTrue(e.getMessage().contains("http://127.0.0.1:" + closedPort + "/x.bin")
            && e.getMessage().contains("cannot connect to 127.0.0.1") && !e.getMessage().contains("null"), e.getMessage());
        assertNothingKept(cache.resolve("r"));
    }

    @Test
    void anUnresolvedHostAndATimeoutAreNamed() {
        assertTrue(DownloadFailedException.networkCause(new java.net.ConnectException(null) {
            private static final long serialVersionUID = 1L;

            { initCause(new java.nio.channels.UnresolvedAddressException()); }
        }, "example.invalid").contains("could not be resolved"));
        assertTrue(DownloadFailedException.networkCause(new java.net.http.HttpConnectTimeoutException("x"), "h")
            .contains("timed out"));
        assertTrue(DownloadFailedException.networkCause(new IOException(new java.net.NoRouteToHostException()), "h")
            .contains("no route to h"));
    }

    @Test
    void officialResourcesCarryChecksumsAndTheCacheFollowsConventions() {
        assertEquals(4, Downloader.mnist().size());
        assertEquals(4, Downloader.fashionMnist().size());
        assertEquals(170_052_171L, Downloader.cifar10().get(0).size());
        Downloader.cifar10().forEach(r -> assertFalse(r.sha256() == null && r.md5() == null));
        assertTrue(Downloader.defaultCacheDir().toString().contains("inertia"));
        assertThrows(IllegalArgumentException.class, () -> new Downloader.Resource("x", url("/x"), null, null, -1));
    }
}
