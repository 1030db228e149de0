package io.coursegen.local.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Turns a requested port of 0 into a concrete free one, for servers that must know their ports before they bind. */
final class FreePorts {

    private FreePorts() {
    }

    /**
     * Returns the requested ports with every 0 replaced by a free port. All probe sockets stay open until every
     * port is chosen, so two zeros never get the same port.
     */
    static int[] resolve(int... requested) {
        List<ServerSocket> probes = new ArrayList<>();
        try {
            int[] ports = new int[requested.length];
            for (int i = 0; i < requested.length; i++) {
                if (requested[i] != 0) {
                    ports[i] = requested[i];
                    continue;
                }
                ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                probes.add(probe);
                ports[i] = probe.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port", e);
        } finally {
            probes.forEach(FreePorts::closeQuietly);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // a probe that fails to close only leaks one socket until garbage collection
        }
    }
}
