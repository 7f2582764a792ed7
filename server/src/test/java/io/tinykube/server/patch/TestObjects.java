package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Stored objects the strategic merge patch tests patch. */
final class TestObjects {
    private TestObjects() {
    }

    static ObjectNode pod() {
        return Docs.obj("""
                {"apiVersion":"v1","kind":"Pod",
                 "metadata":{"name":"p","namespace":"default","labels":{"app":"web","tier":"fe"},
                             "finalizers":["example.com/a","example.com/b"]},
                 "spec":{
                   "containers":[
                     {"name":"web","image":"nginx:1.25","args":["--a","--b"],
                      "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
                      "ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":443,"protocol":"TCP"}],
                      "volumeMounts":[{"name":"data","mountPath":"/data"},
                                      {"name":"cfg","mountPath":"/etc/cfg","readOnly":true}]},
                     {"name":"sidecar","image":"busybox","command":["sleep","3600"]}],
                   "volumes":[{"name":"data","emptyDir":{}},{"name":"cfg","configMap":{"name":"cfg"}}],
                   "restartPolicy":"Always"}}""");
    }

    static ObjectNode deployment() {
        return Docs.obj("""
                {"apiVersion":"apps/v1","kind":"Deployment",
                 "metadata":{"name":"d1","namespace":"default","annotations":{"deployment.kubernetes.io/revision":"1"}},
                 "spec":{"replicas":1,"selector":{"matchLabels":{"app":"d1"}},
                   "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}},
                   "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"d1"}},
                     "spec":{"containers":[{"name":"web","image":"nginx:1.25"}]}}}}""");
    }

    static ObjectNode service() {
        return Docs.obj("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},
                 "spec":{"type":"ClusterIP","clusterIP":"10.0.0.10","selector":{"app":"web"},
                   "ports":[{"name":"http","port":80,"targetPort":"8080","protocol":"TCP"}]}}""");
    }
}
