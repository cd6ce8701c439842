package org.inertia.nn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.inertia.nn.io.IoErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches dataset files from their official URLs into a cache folder, verifying each one against the
 * checksum its publisher gives before it is kept. A download goes to a temporary file in the cache
 * folder and is renamed into place only after verification, so the cache never holds a partial or
 * corrupted file; a file already in the cache is verified again before it is reused.
 */
public final class Downloader {
    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);

    /**
     * A file to fetch: where from, and the digest it must have ({@code sha256} or {@code md5}, hex;
     * at least one) and its size in bytes, or −1 if not published.
     */
    public record Resource(String fileName, URI url, String sha256, String md5, long size) {
        /** Refuses a resource without a checksum to verify it by. */
        public Resource {
            if (sha256 == null && md5 == null) {
                throw new IllegalArgumentException(fileName + ": a resource needs a checksum to verify");
            }
        }
    }

    private static final String MNIST = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    private static final String FASHION = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    /** MNIST's four gzip'd files (torchvision's mirror of the original distribution and its MD5s). */
    public static List<Resource> mnist() {
        return List.of(
            new Resource("train-images-idx3-ubyte.gz", URI.create(MNIST + "train-images-idx3-ubyte.gz"), null,
                "f68b3c2dcbeaaa9fbdd348bbdeb94873", -1),
            new Resource("train-labels-idx1-ubyte.gz", URI.create(MNIST + "train-labels-idx1-ubyte.gz"), null,
                "d53e105ee54ea40749a09fcbcd1e9432", -1),
            new Resource("t10k-images-idx3-ubyte.gz", URI.create(MNIST + "t10k-images-idx3-ubyte.gz"), null,
                "9fb629c4189551a2d022fa330f9573f3", -1),
            new Resource("t10k-labels-idx1-ubyte.gz", URI.create(MNIST + "t10k-labels-idx1-ubyte.gz"), null,
                "ec29112dd5afa0611ce80d1b7f02629c", -1));
    }

    /** Fashion-MNIST's four gzip'd files and the MD5s Zalando publishes. */
    public static List<Resource> fashionMnist() {
        return List.of(
            new Resource("train-images-idx3-ubyte.gz", URI.create(FASHION + "train-images-idx3-ubyte.gz"), null,
                "8d4fb7e6c68d591d4c3dfef9ec88bf0d", -1),
            new Resource("train-labels-idx1-ubyte.gz", URI.create(FASHION + "train-labels-idx1-ubyte.gz"), null,
                "25c81989df183df01b3e8a0aad5dffbe", -1),
            new Resource("t10k-images-idx3-ubyte.gz", URI.create(FASHION + "t10k-images-idx3-ubyte.gz"), null,
                "bef4ecab320f06d8554ea6380940ec79", -1),
            new Resource("t10k-labels-idx1-ubyte.gz", URI.create(FASHION + "t10k-labels-idx1-ubyte.gz"), null,
                "bb300cfdad3c16e7a12a480ee83cd310", -1));
    }

    /** CIFAR-10's binary archive (the MD5 on the dataset's page, and its SHA-256). */
    public static List<Resource> cifar10() {
        return List.of(new Resource(Cifar10.ARCHIVE, URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"),
                "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd", "c32a1d4ab5d03f1284b67883e8d87530",
                170_052_171L));
    }

    /**
     * The per-user cache: {@code $INERTIA_CACHE}, else {@code $XDG_CACHE_HOME/inertia}, else the
     * platform's cache folder ({@code ~/.cache/inertia}, {@code ~/Library/Caches/inertia},
     * {@code %LOCALAPPDATA%\inertia\cache}).
     */
    public static Path defaultCacheDir() {
        String explicit = System.getenv("INERTIA_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "inertia");
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win") && System.getenv("LOCALAPPDATA") != null) {
            return Path.of(System.getenv("LOCALAPPDATA"), "inertia", "cache");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Caches/inertia");
        }
        return home.resolve(".cache/inertia");
    }

    private final Path cacheDir;
    private final HttpClient client;

    /** A downloader keeping files in {@code cacheDir}, with a client that follows redirects and gives up connecting after 30 s. */
    public Downloader(Path cacheDir) {
        this(cacheDir, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build());
    }

    /** A downloader keeping files in {@code cacheDir}, fetching with {@code client} (tests pass a local one). */
    public Downloader(Path cacheDir, HttpClient client) {
        this.cacheDir = cacheDir;
        this.client = client;
    }

    /** Fetches every resource into {@code cacheDir/subfolder} and returns that folder. */
    public Path fetchAll(String subfolder, List<Resource> resources) throws IOException {
        Path dir = cacheDir.resolve(subfolder);
        for (Resource r : resources) {
            fetch(dir, r);
        }
        return dir;
    }

    /** The verified file for {@code r} in {@code dir}, downloading it if it is not there (or is damaged). */
    public Path fetch(Path dir, Resource r) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(r.fileName());
        if (Files.isRegularFile(target)) {
            String problem = verify(r, target);
            if (problem == null) {
                return target;
            }
            LOG.warn("{}: cached copy is damaged ({}); downloading it again", target, problem);
        }
        Path tmp = dir.resolve("." + r.fileName() + ".part");
        try {
            download(r, tmp);
            String problem = verify(r, tmp);
            if (problem != null) {
                throw new IOException("download of " + r.url() + " is corrupt: " + problem + "; nothing was kept");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void download(Resource r, Path tmp) throws IOException {
        LOG.info("downloading {}", r.url());
        HttpResponse<InputStream> response;
        try {
            response = client.send(HttpRequest.newBuilder(r.url()).timeout(Duration.ofMinutes(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download of " + r.url() + " was interrupted", e);
        } catch (IOException e) {
            throw DownloadFailedException.network(r.url(), e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw DownloadFailedException.status(r.url(), response.statusCode());
        }
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        long received = 0;
        try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(tmp)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                received += n;
            }
        } catch (IOException e) {
            if (IoErrors.cause(e) != IoErrors.Cause.OTHER) {      // the disk, not the network
                throw new IOException("cannot save the download of " + r.url() + " in " + tmp.getParent() + ": "
                        + IoErrors.describe(e) + "; nothing was kept", e);
            }
            throw new DownloadFailedException(r.url(), "cut off after " + received + " bytes"
                    + (declared >= 0 ? " of " + declared : "") + " (" + DownloadFailedException.networkCause(e,
                    r.url().getHost()) + "); nothing was kept", e);
        }
        if (declared >= 0 && received != declared) {
            throw new DownloadFailedException(r.url(), "cut off after " + received + " of " + declared
                    + " bytes; nothing was kept", null);
        }
    }

    /** {@code null} if the file matches the resource, else what is wrong. */
    static String verify(Resource r, Path file) throws IOException {
        long size = Files.size(file);
        if (r.size() >= 0 && size != r.size()) {
            return "size " + size + " bytes, expected " + r.size();
        }
        MessageDigest sha = r.sha256() == null ? null : digest("SHA-256");
        MessageDigest md5 = r.md5() == null ? null : digest("MD5");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (sha != null) {
                    sha.update(buf, 0, n);
                }
                if (md5 != null) {
                    md5.update(buf, 0, n);
                }
            }
        }
        if (sha != null) {
            String got = HexFormat.of().formatHex(sha.digest());
            if (!got.equalsIgnoreCase(r.sha256())) {
                return "SHA-256 " + got + ", expected " + r.sha256();
            }
        }
        if (md5 != null) {
            String got = HexFormat.of().formatHex(md5.digest());
            if (!got.equalsIgnoreCase(r.md5())) {
                return "MD5 " + got + ", expected " + r.md5();
            }
        }
        return null;
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
