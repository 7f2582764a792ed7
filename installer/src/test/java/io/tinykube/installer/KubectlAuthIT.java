package io.tinykube.installer;

import static io.tinykube.installer.KubectlCreateIT.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** auth can-i, auth whoami, create token — and the token then authenticates as its service account. */
class KubectlAuthIT {

    @Test
    void canIAndWhoamiAnswerForTheAdmin() throws Exception {
        for (String version : Kubectl.VERSIONS) {
            Distribution.Result canI = SharedServer.kubectl(version, "auth", "can-i", "create", "pods");
            assertEquals("yes", canI.stdout().trim(), version + ": " + canI.output());
        }
        Distribution.Result whoami = SharedServer.kubectl("1.33", "auth", "whoami");
        assertOk(whoami);
        assertTrue(whoami.stdout().matches("(?s).*Username\\s+system:admin.*"), whoami.stdout());
        assertTrue(whoami.stdout().contains("system:masters"), whoami.stdout());
    }

    @Test
    void createdTokenAuthenticatesAsTheServiceAccount() throws Exception {
        String ns = SharedServer.namespace("token");
        SharedServer.client().serviceAccounts().inNamespace(ns).withName("default")
                .waitUntilCondition(sa -> sa != null, 30, java.util.concurrent.TimeUnit.SECONDS);
        Distribution.Result token = SharedServer.kubectl("1.33", "-n", ns, "create", "token", "default", "--duration=15m");
        assertOk(token);
        assertTrue(token.stdout().trim().matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), token.stdout());
        Path kubeconfig = SharedServer.get().dataDir.resolve(ns + "-token.kubeconfig");
        String admin = Files.readString(SharedServer.get().kubeconfig);
        String withToken = admin.replaceAll("(?s)    client-certificate-data: .*?\n    client-key-data: [^\n]*\n", "    token: " + token.stdout().trim() + "\n");
        Files.writeString(kubeconfig, withToken);
        Distribution.Result whoami = Kubectl.run("1.33", kubeconfig, "auth", "whoami");
        assertOk(whoami);
        assertTrue(whoami.stdout().contains("system:serviceaccount:" + ns + ":default"), whoami.stdout());
        Distribution.Result forged = Kubectl.run("1.33", kubeconfig, "--token", token.stdout().trim() + "x", "get", "namespaces");
        assertTrue(forged.stderr().contains("Unauthorized"), forged.output());
        var review = SharedServer.client().authentication().v1().tokenReviews().create(new io.fabric8.kubernetes.api.model.authentication
                .TokenReviewBuilder().withNewSpec().withToken(token.stdout().trim()).endSpec().build());
        assertTrue(review.getStatus().getAuthenticated());
        assertEquals("system:serviceaccount:" + ns + ":default", review.getStatus().getUser().getUsername());
    }
}
