package io.sharedstate.internal;

import io.sharedstate.SharedState;

import java.util.List;
import java.util.Objects;

/**
 * Internal, not an API: may change in any release. Opens a store that lives in other processes, such as a cluster,
 * for the ops CLI. The library cannot depend on the modules that implement it (the cluster module depends on the
 * library, and users of the local store must never download Ignite), so the CLI finds an implementation with
 * {@link java.util.ServiceLoader}: a module provides one by listing its class in
 * {@code META-INF/services/io.sharedstate.internal.RemoteStoreProvider}. Public only because another module
 * implements it.
 */
public interface RemoteStoreProvider {
    /**
     * Returns the scheme of the locations this provider opens: {@code cluster} for {@code cluster:HOST:PORT,...}.
     *
     * @return the scheme, without the colon
     */
    String scheme();

    /**
     * Joins the store as a client, which keeps no data, and returns it once it serves.
     *
     * @param location where the store's members are, and how this process reaches them
     * @return the store, to be closed
     * @throws io.sharedstate.SharedStateException if the store cannot be reached
     */
    SharedState open(Location location);

    /**
     * Returns the processes that make up a store this provider opened, as they are now.
     *
     * @param state a store returned by {@link #open}
     * @return its members and clients, this process's included, in the order they joined
     */
    List<Member> members(SharedState state);

    /**
     * Where a remote store is.
     *
     * @param addresses the members' addresses, {@code host:port} or {@code host:from..to}; at least one
     * @param localAddress the address this process listens and connects on, or null to pick the one that reaches
     *        the first member
     * @param localPort the first port this process listens on for the members, or 0 for the provider's default
     */
    record Location(List<String> addresses, String localAddress, int localPort) {
        /**
         * Checks and copies the addresses.
         *
         * @param addresses the members' addresses; copied
         * @param localAddress the address this process uses, or null
         * @param localPort the first port this process listens on, or 0
         * @throws IllegalArgumentException if {@code addresses} is empty
         */
        public Location {
            addresses = List.copyOf(addresses);
            if (addresses.isEmpty()) {
                throw new IllegalArgumentException("a location needs at least one member address");
            }
        }
    }

    /**
     * One process of a remote store.
     *
     * @param role {@code server} (keeps data) or {@code client}
     * @param address where it is: {@code host:port} for a server, the host for a client
     * @param pid its process id on its host, or 0 if unknown
     * @param id its lasting name (a server's member id), or empty
     * @param local whether it is this process
     */
    record Member(String role, String address, long pid, String id, boolean local) {
        /**
         * Checks the member's description.
         *
         * @param role its role
         * @param address where it is
         * @param pid its process id, or 0
         * @param id its lasting name, or empty
         * @param local whether it is this process
         * @throws NullPointerException if {@code role}, {@code address} or {@code id} is null
         */
        public Member {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(id, "id");
        }
    }
}
