package io.sharedstate.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The settings a {@link SharedClusterBuilder} collected.
 *
 * @param server whether this process joins as a server member that keeps data (else a client)
 * @param dataDirectory where a server member keeps its data and write-ahead log; null for a client
 * @param members the discovery addresses of the members to join, {@code host:port} or {@code host:from..to}
 * @param localAddress the address this process listens and connects on
 * @param discoveryPort the first discovery port this process tries
 * @param communicationPort the first communication port this process tries
 * @param backups the copies of each partition kept on other members
 * @param partitions the partitions of each cache
 * @param initialMembers the server members that must have joined before a new cluster is first activated
 * @param failureDetection how long a member may be silent before the others drop it
 * @param retryBudget how long a call keeps trying while the cluster recovers
 * @param journalRetention how long journal records are kept
 * @param journalMaxRecords the most journal records kept (the newest record of each key is always kept)
 * @param dataRegionBytes the memory each server member gives its data (the rest stays on disk)
 * @param instanceName the Ignite instance name, unique within this JVM
 */
record ClusterConfig(boolean server, Path dataDirectory, List<String> members, String localAddress,
                     int discoveryPort, int communicationPort, int backups, int partitions, int initialMembers,
                     Duration failureDetection, Duration retryBudget, Duration journalRetention,
                     long journalMaxRecords, long dataRegionBytes, String instanceName) {
}
