package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LauncherCommandsIT {

    @Test
    void helpListsTheSubcommands() throws Exception {
        Distribution.Result help = Distribution.run("--help");
        assertEquals(0, help.exitCode(), help.output());
        for (String subcommand : new String[] {"server", "agent", "kubectl", "images", "version"}) {
            assertTrue(help.stdout().contains("  " + subcommand + " "), "--help lists " + subcommand + ":\n" + help.stdout());
        }
    }

    @Test
    void versionPrintsTinykubeAndKubernetesVersions() throws Exception {
        Distribution.Result version = Distribution.run("version");
        assertEquals(0, version.exitCode(), version.output());
        assertTrue(version.stdout().matches("tinykube version \\d+\\.\\d+\\.\\d+ \\(Kubernetes v1\\.33\\.\\d+\\)\\s*"), version.stdout());
    }

    @Test
    void unknownFlagFailsNamingIt() throws Exception {
        Distribution.Result result = Distribution.run("server", "--no-such-flag");
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("--no-such-flag"), result.stderr());
    }

    @Test
    void agentNotBuiltYetSaysSoAndFails() throws Exception {
        Distribution.Result result = Distribution.run("agent");
        assertNotEquals(0, result.exitCode(), "agent must not pretend to work");
        assertTrue(result.stderr().contains("not built yet"), result.stderr());
    }

    @Test
    void kubectlSubcommandPassesFlagsThrough() throws Exception {
        Distribution.Result result = Distribution.run(java.util.Map.of("TINYKUBE_KUBECTL", Kubectl.binary("1.33").toString(),
                "KUBECONFIG", "/dev/null"), "kubectl", "version", "--client", "-o", "json");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.stdout().contains("\"gitVersion\": \"v1.33"), result.stdout());
    }
}
