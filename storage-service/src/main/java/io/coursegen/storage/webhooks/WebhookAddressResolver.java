package io.coursegen.storage.webhooks;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * The HTTP client's only way from a host name to addresses: one lookup through {@link WebhookTargets#addressesOf},
 * whose accepted answer is what the client connects to. Validation and connection therefore use the same answer,
 * and there is no second lookup a rebinding DNS server could answer differently. The URL's host name stays what
 * the request carries: the {@code Host} header, and for https the SNI and the name the certificate is verified
 * against (Reactor Netty verifies it by default).
 *
 * <p>Every address counts as unresolved, an IP literal too, so a literal is checked here as well. The lookup
 * blocks, so it runs on {@code lookups}, never on the event loop that other deliveries share.
 */
final class WebhookAddressResolver extends AddressResolverGroup<InetSocketAddress> {

    private final WebhookTargets targets;
    private final Executor lookups;

    WebhookAddressResolver(WebhookTargets targets, Executor lookups) {
        this.targets = targets;
        this.lookups = lookups;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor loop) {
        return new AbstractAddressResolver<>(loop, InetSocketAddress.class) {

            @Override
            protected boolean doIsResolved(InetSocketAddress address) {
                return false;
            }

            @Override
            protected void doResolve(InetSocketAddress address, Promise<InetSocketAddress> promise) {
                lookUp(address, promise, addresses -> addresses.get(0));
            }

            @Override
            protected void doResolveAll(InetSocketAddress address, Promise<List<InetSocketAddress>> promise) {
                lookUp(address, promise, addresses -> addresses);
            }
        };
    }

    private <T> void lookUp(InetSocketAddress address, Promise<T> promise,
            Function<List<InetSocketAddress>, T> answer) {
        try {
            lookups.execute(() -> {
                try {
                    List<InetSocketAddress> accepted;
                    if (address.isUnresolved()) {
                        accepted = targets.addressesOf(address.getHostString()).stream()
                                .map(resolved -> new InetSocketAddress(resolved, address.getPort())).toList();
                    } else {
                        targets.checkAddress(address.getAddress());
                        accepted = List.of(address);
                    }
                    promise.trySuccess(answer.apply(accepted));
                } catch (Throwable refused) {
                    promise.tryFailure(refused);
                }
            });
        } catch (RejectedExecutionException stopping) {
            promise.tryFailure(stopping);
        }
    }
}
