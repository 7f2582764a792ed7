package io.tinykube.server.table;

import static io.tinykube.server.table.KindPrinter.row;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Printers of Service, Endpoints, EndpointSlice, Ingress, IngressClass and NetworkPolicy. */
final class NetworkPrinters {
    private NetworkPrinters() {
    }

    static TablePrinter service() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Type", "type determines how the Service is exposed. Defaults to ClusterIP. Valid options"
                        + " are ExternalName, ClusterIP, NodePort, and LoadBalancer."),
                Column.string("Cluster-IP", "clusterIP is the IP address of the service and is usually assigned"
                        + " randomly."),
                Column.string("External-IP", "externalIPs is a list of IP addresses for which nodes in the cluster will"
                        + " also accept traffic for this service."),
                Column.string("Port(s)", "The list of ports that are exposed by this service."),
                Column.age(),
                Column.string("Selector", "Route service traffic to pods with label keys and values matching this"
                        + " selector.").wide()),
                (o, now) -> {
                    String type = o.strOr("ClusterIP", "spec", "type");
                    String clusterIP = o.str("spec", "clusterIP");
                    if (clusterIP.isEmpty()) {
                        List<String> clusterIPs = o.strings("spec", "clusterIPs");
                        clusterIP = clusterIPs.isEmpty() ? "" : clusterIPs.get(0);
                    }
                    String ports = ports(o.list("spec", "ports"));
                    return row(o.name(), type, clusterIP.isEmpty() ? "<none>" : clusterIP, externalIP(o, type),
                            ports.isEmpty() ? "<none>" : ports, Cells.age(o, now),
                            Labels.format(o.stringMap("spec", "selector")));
                });
    }

    /** {@code getServiceExternalIP}, wide as the server prints it (no 16-character clipping). */
    static String externalIP(Obj svc, String type) {
        List<String> externalIPs = svc.strings("spec", "externalIPs");
        switch (type) {
            case "ClusterIP", "NodePort" -> {
                return externalIPs.isEmpty() ? "<none>" : String.join(",", externalIPs);
            }
            case "LoadBalancer" -> {
                String lbIPs = loadBalancerStatus(svc.list("status", "loadBalancer", "ingress"));
                if (!externalIPs.isEmpty()) {
                    List<String> results = new ArrayList<>();
                    if (!lbIPs.isEmpty()) {
                        results.addAll(List.of(lbIPs.split(",")));
                    }
                    results.addAll(externalIPs);
                    return String.join(",", results);
                }
                return lbIPs.isEmpty() ? "<pending>" : lbIPs;
            }
            case "ExternalName" -> {
                return svc.str("spec", "externalName");
            }
            default -> {
                return "<unknown>";
            }
        }
    }

    /** {@code loadBalancerStatusStringer} with wide output: the sorted, distinct IPs or else hostnames. */
    static String loadBalancerStatus(List<Obj> ingress) {
        TreeSet<String> result = new TreeSet<>();
        for (Obj entry : ingress) {
            if (!entry.str("ip").isEmpty()) {
                result.add(entry.str("ip"));
            } else if (!entry.str("hostname").isEmpty()) {
                result.add(entry.str("hostname"));
            }
        }
        return String.join(",", result);
    }

    /** {@code makePortString}: {@code 80/TCP,443:30443/TCP}. */
    static String ports(List<Obj> ports) {
        List<String> pieces = new ArrayList<>();
        for (Obj port : ports) {
            String protocol = port.strOr("TCP", "protocol");
            long nodePort = port.i64("nodePort");
            pieces.add(nodePort > 0 ? port.i64("port") + ":" + nodePort + "/" + protocol : port.i64("port") + "/" + protocol);
        }
        return String.join(",", pieces);
    }

    static TablePrinter endpoints() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Endpoints", "The set of all endpoints is the union of all subsets."),
                Column.age()),
                (o, now) -> row(o.name(), formatEndpoints(o), Cells.age(o, now)));
    }

    /** {@code formatEndpoints}: {@code ip:port} for every port and address, three at most, then {@code + N more...}. */
    static String formatEndpoints(Obj endpoints) {
        List<Obj> subsets = endpoints.list("subsets");
        if (subsets.isEmpty()) {
            return "<none>";
        }
        List<String> list = new ArrayList<>();
        int max = 3;
        boolean more = false;
        int count = 0;
        for (Obj subset : subsets) {
            List<Obj> addresses = subset.list("addresses");
            List<Obj> ports = subset.list("ports");
            if (ports.isEmpty()) {
                // headless services may have no ports
                count += addresses.size();
                for (Obj address : addresses) {
                    if (list.size() == max) {
                        more = true;
                        break;
                    }
                    list.add(address.str("ip"));
                }
                continue;
            }
            for (Obj port : ports) {
                count += addresses.size();
                for (Obj address : addresses) {
                    if (list.size() == max) {
                        more = true;
                        break;
                    }
                    list.add(joinHostPort(address.str("ip"), port.i64("port")));
                }
            }
        }
        String text = String.join(",", list);
        return more ? text + " + " + (count - max) + " more..." : text;
    }

    /** Go's {@code net.JoinHostPort}: IPv6 addresses in brackets. */
    private static String joinHostPort(String host, long port) {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    static TablePrinter endpointSlice() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("AddressType", "addressType specifies the type of address carried by this EndpointSlice."),
                Column.string("Ports", "ports specifies the list of network ports exposed by each endpoint in this"
                        + " slice."),
                Column.string("Endpoints", "endpoints is a list of unique endpoints in this slice."),
                Column.age()),
                (o, now) -> row(o.name(), o.str("addressType"), discoveryPorts(o.list("ports")),
                        discoveryEndpoints(o.list("endpoints")), Cells.age(o, now)));
    }

    private static String discoveryPorts(List<Obj> ports) {
        List<String> list = new ArrayList<>();
        int max = 3;
        boolean more = false;
        int count = 0;
        for (Obj port : ports) {
            if (list.size() < max) {
                String number = "*";
                if (port.has("port")) {
                    number = Long.toString(port.i64("port"));
                } else if (port.has("name")) {
                    number = port.str("name");
                }
                list.add(number);
            } else if (list.size() == max) {
                more = true;
            }
            count++;
        }
        return Cells.listWithMore(list, more, count, max);
    }

    private static String discoveryEndpoints(List<Obj> endpoints) {
        List<String> list = new ArrayList<>();
        int max = 3;
        boolean more = false;
        int count = 0;
        for (Obj endpoint : endpoints) {
            for (String address : endpoint.strings("addresses")) {
                if (list.size() < max) {
                    list.add(address);
                } else if (list.size() == max) {
                    more = true;
                }
                count++;
            }
        }
        return Cells.listWithMore(list, more, count, max);
    }

    static TablePrinter ingress() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Class", "The name of the IngressClass resource that should be used for additional"
                        + " configuration"),
                Column.string("Hosts", "Hosts that incoming requests are matched against before the ingress rule"),
                Column.string("Address", "Address is a list containing ingress points for the load-balancer"),
                Column.string("Ports", "Ports of TLS configurations that open"),
                Column.age()),
                (o, now) -> row(o.name(),
                        o.has("spec", "ingressClassName") ? o.str("spec", "ingressClassName") : "<none>",
                        hosts(o.list("spec", "rules")), loadBalancerStatus(o.list("status", "loadBalancer", "ingress")),
                        o.size("spec", "tls") != 0 ? "80, 443" : "80", Cells.age(o, now)));
    }

    /** {@code formatHosts}: up to three hosts, {@code *} when none. */
    private static String hosts(List<Obj> rules) {
        List<String> list = new ArrayList<>();
        int max = 3;
        boolean more = false;
        for (Obj rule : rules) {
            if (list.size() == max) {
                more = true;
            }
            if (!more && !rule.str("host").isEmpty()) {
                list.add(rule.str("host"));
            }
        }
        if (list.isEmpty()) {
            return "*";
        }
        String text = String.join(",", list);
        return more ? text + " + " + (rules.size() - max) + " more..." : text;
    }

    static TablePrinter ingressClass() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Controller", "Controller that is responsible for handling this class"),
                Column.string("Parameters", "A reference to a resource with additional parameters"),
                Column.age()),
                (o, now) -> {
                    String parameters = "<none>";
                    if (o.has("spec", "parameters")) {
                        Obj p = o.get("spec", "parameters");
                        parameters = p.str("kind");
                        if (p.has("apiGroup")) {
                            parameters = parameters + "." + p.str("apiGroup");
                        }
                        parameters = parameters + "/" + p.str("name");
                    }
                    return row(o.name(), o.str("spec", "controller"), parameters, Cells.age(o, now));
                });
    }

    static TablePrinter networkPolicy() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Pod-Selector", "Selects the pods to which this NetworkPolicy object applies."),
                Column.age()),
                (o, now) -> row(o.name(), Labels.formatSelector(o.get("spec", "podSelector")), Cells.age(o, now)));
    }
}
