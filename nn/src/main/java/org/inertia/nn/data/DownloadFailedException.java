package org.inertia.nn.data;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * A download that failed on the network or at the server: the message names the URL and the cause —
 * the host name not resolved, no route, connection refused, timed out, or the HTTP status.
 */
public final class DownloadFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final URI url;

    DownloadFailedException(URI url, String cause, Throwable e) {
        super("download of " + url + " failed: " + cause, e);
        this.url = url;
    }

    /** The URL that could not be fetched. */
    public URI url() {
        return url;
    }

    /** For an HTTP status other than 200. */
    static DownloadFailedException status(URI url, int status) {
        return new DownloadFailedException(url, "the server answered HTTP " + status, null);
    }

    /** For an exception from the HTTP client, naming its network cause (the client's own message is often null). */
    static DownloadFailedException network(URI url, IOException e) {
        return new DownloadFailedException(url, networkCause(e, url.getHost()), e);
    }

    /** The first cause in {@code e}'s chain that says what happened on the network. */
    static String networkCause(Throwable e, String host) {
        // The most specific cause wins: the client wraps an unresolved name in a ConnectException.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "the host name " + host + " could not be resolved (no network, or no DNS)";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to " + host + " (no network?)";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "connecting to " + host + " timed out";
            }
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
                return "the server did not answer in time (timed out)";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                String m = t.getMessage();
                return "cannot connect to " + host + (m != null && !m.isBlank() ? " (" + m + ")" : " (connection refused "
                        + "or no network)");
            }
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m != null ? ": " + m : "");
    }
}
