package org.inertia.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.inertia.examples.data.DatasetKind;
import org.inertia.nn.data.Downloader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inertia download}: fetches a dataset from its official URLs into the cache, verified. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Downloads a dataset from its official URLs into the cache, verifying the published checksums.")
public final class DownloadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DATASET", description = "mnist, fashion-mnist or cifar10.")
    String dataset;

    @Option(names = "--cache", paramLabel = "DIR", description = "Cache directory (default: $INERTIA_CACHE, "
            + "$XDG_CACHE_HOME/inertia or ~/.cache/inertia).")
    Path cache;

    @Override
    public Integer call() throws Exception {
        DatasetKind d = Choices.parse("DATASET", dataset, DatasetKind.class);
        Path dir = new Downloader(cache != null ? cache : Downloader.defaultCacheDir()).fetchAll(d.cacheFolder(),
                d.resources());
        spec.commandLine().getOut().println(d.cacheFolder() + " is in " + dir);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
