package io.sharedstate.demo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two runs of the cluster scenario at once must not join each other's cluster: a run whose ports another process
 * listens on takes the next band.
 */
class ClusterPortsTest {
    @Test
    void aBandWithAPortInUseIsPassedOverForTheNext() throws IOException {
        ClusterPorts first;
        try (ClusterPorts.Reservation probe = ClusterPorts.reserve()) {
            first = probe.ports();
        }
        // What another run's third member would listen on.
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), first.discovery(3)));
            try (ClusterPorts.Reservation second = ClusterPorts.reserve()) {
                assertTrue(second.ports().band() > first.band(), "a later band");
            }
        }
    }

    @Test
    void aBandReservedByAnotherLauncherWhoseMembersAreNotUpYetIsPassedOver() {
        ClusterPorts firstPorts;
        try (ClusterPorts.Reservation first = ClusterPorts.reserve();
             ClusterPorts.Reservation second = ClusterPorts.reserve()) {
            firstPorts = first.ports();
            assertNotEquals(firstPorts, second.ports());
        }
        try (ClusterPorts.Reservation again = ClusterPorts.reserve()) {
            assertEquals(firstPorts, again.ports(), "a closed reservation frees its band");
        }
    }

    @Test
    void aWorkerUsesTheBandItsCommandLineGives() {
        ClusterPorts ports = new ClusterPorts(2);
        assertEquals("-D" + ClusterPorts.PROPERTY + "=2", ports.jvmOption());
        assertEquals("127.0.0.1:49700..49702", ports.memberAddresses(3));
        assertEquals(49320, ports.clientCommunication());
    }
}
