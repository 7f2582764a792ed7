package io.tinykube.runtime.network;

/** Every address of the node's pod CIDR is handed out. */
public class IpPoolExhaustedException extends NetworkException {
    public IpPoolExhaustedException(Ipv4Cidr cidr) {
        super("no free address left in pod CIDR " + cidr + " (" + cidr.podAddressCount() + " addresses, all allocated)");
    }
}
