package io.coursegen.storage.webhooks;

import io.coursegen.storage.api.BadRequestException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Decides whether a URL may receive webhooks: http or https, a host, no credentials, on port 80 or 443 unless
 * configured otherwise ({@link #parse}), and every address the host resolves to public ({@link #addressesOf}).
 *
 * <p>Both are checked at registration ({@link #check}). A delivery parses the URL again, but its addresses are
 * looked up exactly once per connection, by {@link WebhookAddressResolver} inside the HTTP client, and the client
 * connects only to the addresses that lookup returned and this class accepted. Checking first and letting the
 * client resolve again was rejected: the name's second answer may differ (DNS rebinding, a zero TTL) and point at
 * 127.0.0.1 or the cloud metadata address. Resolving blocks: call it off the event loop.
 */
@Component
class WebhookTargets {

    static final int MAX_URL_LENGTH = 2000;

    /** How a host name becomes addresses; the platform's resolver outside tests. */
    @FunctionalInterface
    interface NameService {
        InetAddress[] lookup(String host) throws UnknownHostException;
    }

    private final boolean allowPrivateAddresses;
    private final List<Integer> allowedPorts;
    private final NameService names;

    @Autowired
    WebhookTargets(WebhookProperties properties) {
        this(properties, InetAddress::getAllByName);
    }

    WebhookTargets(WebhookProperties properties, NameService names) {
        this.allowPrivateAddresses = properties.allowPrivateAddresses();
        this.allowedPorts = List.copyOf(properties.allowedPorts());
        this.names = names;
    }

    /** The URL, parsed, with its host's addresses checked; a {@link BadRequestException} saying what is wrong otherwise. */
    URI check(String url) {
        URI uri = parse(url);
        addressesOf(uri.getHost());
        return uri;
    }

    /** The URL, parsed, its scheme, form and port checked, without resolving its host. */
    URI parse(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw new BadRequestException("url must be an http or https URL of at most " + MAX_URL_LENGTH
                    + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new BadRequestException("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BadRequestException("url must use http or https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new BadRequestException("url must name a host and carry no credentials or fragment");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (!allowedPorts.isEmpty() && !allowedPorts.contains(port)) {
            // other ports are where internal admin interfaces listen
            throw new BadRequestException("url may use port " + allowedPorts.stream().map(String::valueOf)
                    .collect(Collectors.joining(" or ")) + " only");
        }
        return uri;
    }

    /**
     * The host's addresses, looked up once, if every one of them may be called (a name with one internal address
     * among public ones is refused as a whole: which one a client picks is not ours to predict). An IP literal
     * (brackets allowed) is its own answer.
     */
    List<InetAddress> addressesOf(String host) {
        InetAddress[] addresses;
        try {
            addresses = names.lookup(host.startsWith("[") && host.endsWith("]")
                    ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new BadRequestException("url's host does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new BadRequestException("url's host does not resolve");
        }
        for (InetAddress address : addresses) {
            checkAddress(address);
        }
        return List.of(addresses);
    }

    /** Refuses an address webhooks may not call. */
    void checkAddress(InetAddress address) {
        if (!allowPrivateAddresses && !isPublic(address)) {
            throw new BadRequestException("url's host resolves to a loopback, private or link-local address,"
                    + " which webhooks may not call");
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xFF;
            int second = bytes[1] & 0xFF;
            return first != 0                                  // "this network"
                    && !(first == 100 && second >= 64 && second < 128)  // carrier-grade NAT
                    && !(first == 192 && second == 0 && (bytes[2] & 0xFF) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && first < 240;                            // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = bytes[0] & 0xFF;
            boolean uniqueLocal = (first & 0xFE) == 0xFC;      // fc00::/7
            boolean siteLocal = first == 0xFE && (bytes[1] & 0xC0) == 0xC0;
            boolean mappedOrCompatible = isZero(bytes, 0, 10);  // ::ffff:a.b.c.d and ::a.b.c.d embed IPv4
            // these embed an IPv4 address a gateway translates to, which may be a private one
            boolean nat64 = first == 0x00 && (bytes[1] & 0xFF) == 0x64 && (bytes[2] & 0xFF) == 0xFF
                    && (bytes[3] & 0xFF) == 0x9B;                // 64:ff9b::/96 and 64:ff9b:1::/48
            boolean sixToFour = first == 0x20 && (bytes[1] & 0xFF) == 0x02;  // 2002::/16
            boolean teredo = first == 0x20 && (bytes[1] & 0xFF) == 0x01 && bytes[2] == 0 && bytes[3] == 0; // 2001::/32
            return !uniqueLocal && !siteLocal && !mappedOrCompatible && !nat64 && !sixToFour && !teredo;
        }
        return false;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
