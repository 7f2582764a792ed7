package io.tinykube.runtime;

import io.tinykube.runtime.cgroup.CgroupHierarchy;
import io.tinykube.runtime.cgroup.CgroupManager;
import io.tinykube.runtime.container.ContainerException;
import io.tinykube.runtime.container.ContainerMount;
import io.tinykube.runtime.container.ContainerSpec;
import io.tinykube.runtime.container.ContainerState;
import io.tinykube.runtime.container.ContainerStatus;
import io.tinykube.runtime.container.ContainerSupervisor;
import io.tinykube.runtime.container.PodSandbox;
import io.tinykube.runtime.container.UserResolver;
import io.tinykube.runtime.image.Image;
import io.tinykube.runtime.image.ImageConfig;
import io.tinykube.runtime.image.ImagePuller;
import io.tinykube.runtime.image.ImageReference;
import io.tinykube.runtime.image.ImageStore;
import io.tinykube.runtime.image.PullPolicy;
import io.tinykube.runtime.image.RegistriesConfig;
import io.tinykube.runtime.layer.LayerUnpacker;
import io.tinykube.runtime.layer.PrivilegedFiles;
import io.tinykube.runtime.layer.ProcessPrivilegedFiles;
import io.tinykube.runtime.logs.ContainerLogWriter;
import io.tinykube.runtime.logs.LogStream;
import io.tinykube.runtime.network.PodNetwork;
import io.tinykube.runtime.network.PodNetworkStatus;
import io.tinykube.runtime.rootfs.LayerBlob;
import io.tinykube.runtime.rootfs.Snapshot;
import io.tinykube.runtime.rootfs.Snapshotter;
import io.tinykube.runtime.rootfs.UtilLinuxMounter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The runtime parts put together for the agent: images, root filesystems, pod sandboxes (namespaces, network,
 * cgroup) and containers with their output in CRI log files. State is on disk; a new instance over the same
 * data directory (the agent after a restart) picks up running containers' logs again.
 *
 * <p>A container's stdout and stderr are FIFOs under {@code <agent>/io/<id>/}, read by a
 * {@link ContainerLogWriter} in this JVM; the container's shim holds them open too, so while no agent reads,
 * output waits in the pipe (and the workload blocks once it is full, as under containerd).
 */
public final class NodeRuntime implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RuntimeConfig config;
    private final AgentDirectories dirs;
    private final ImageStore images;
    private final ImagePuller puller;
    private final Snapshotter snapshotter;
    private final PrivilegedFiles privileged;
    private final CgroupHierarchy hierarchy;
    private final ContainerSupervisor supervisor;
    private final PodNetwork network;
    private final Map<String, ContainerLogWriter> logWriters = new ConcurrentHashMap<>();

    private NodeRuntime(RuntimeConfig config) throws IOException {
        this.config = config;
        this.dirs = config.directories();
        for (Path dir : List.of(dirs.images(), dirs.snapshots(), dirs.containers(), dirs.containerIo(), dirs.sandboxes())) {
            Files.createDirectories(dir);
        }
        this.images = dirs.openImageStore();
        this.puller = new ImagePuller(config.registries(), images, config.platform());
        this.privileged = new ProcessPrivilegedFiles();
        this.snapshotter = Snapshotter.forRoot(dirs.snapshots(), new LayerUnpacker(privileged, false),
            new UtilLinuxMounter(), privileged);
        this.hierarchy = CgroupHierarchy.detect();
        this.supervisor = new ContainerSupervisor(dirs.containers(), hierarchy);
        this.network = new PodNetwork(config.network());
    }

    /** Opens the runtime: node network set up, log writers re-attached to containers still running. */
    public static NodeRuntime open(RuntimeConfig config) throws IOException {
        NodeRuntime runtime = new NodeRuntime(config);
        runtime.network.initNode();
        for (String id : runtime.supervisor.list()) {
            if (runtime.supervisor.state(id).status() != ContainerStatus.STOPPED && Files.isDirectory(runtime.io(id))) {
                runtime.attachLogs(id);
            }
        }
        return runtime;
    }

    public ImageStore images() {
        return images;
    }

    public ContainerSupervisor supervisor() {
        return supervisor;
    }

    public PodNetwork network() {
        return network;
    }

    /**
     * The image as the pull policy wants it. {@code pullSecrets} (registry host → credentials, from the pod's
     * imagePullSecrets) take precedence over registries.yaml for this pull.
     */
    public Image ensureImage(String reference, PullPolicy policy, Map<String, RegistriesConfig.Auth> pullSecrets)
            throws IOException {
        ImagePuller withSecrets = puller;
        if (!pullSecrets.isEmpty()) {
            RegistriesConfig registries = config.registries();
            Map<String, RegistriesConfig.HostConfig> hosts = new LinkedHashMap<>(registries.configs());
            pullSecrets.forEach((host, auth) -> hosts.put(host, new RegistriesConfig.HostConfig(auth,
                registries.config(host).map(RegistriesConfig.HostConfig::tls).orElse(RegistriesConfig.Tls.DEFAULT))));
            withSecrets = new ImagePuller(new RegistriesConfig(registries.mirrors(), hosts), images, config.platform());
        }
        return withSecrets.ensure(ImageReference.parse(reference), policy);
    }

    /** The pod's IPC/UTS namespaces, network and cgroup; idempotent, so it also recovers a half-made sandbox. */
    public Pod runPodSandbox(PodSandboxRequest request) {
        String sandboxId = request.network().sandboxId();
        String cgroupPath = config.cgroups().podPath(request.qos(), request.pod().uid());
        CgroupManager cgroup = hierarchy.manager(cgroupPath);
        if (!cgroup.exists()) {
            cgroup.create();
        }
        PodSandbox namespaces = PodSandbox.create(dirs.sandboxes(), sandboxId, request.network().hostname());
        PodNetworkStatus status = network.setUp(request.network());
        return new Pod(sandboxId, request.pod(), cgroupPath, namespaces, status);
    }

    /** Tears down what {@link #runPodSandbox} made, and the pod's logs; remove its containers first. */
    public void removePodSandbox(Pod pod) throws IOException {
        network.tearDown(pod.sandboxId());
        pod.namespaces().remove();
        CgroupManager cgroup = hierarchy.manager(pod.cgroupPath());
        if (cgroup.exists()) {
            cgroup.remove();
        }
        config.logs().removePod(pod.ref());
    }

    /**
     * Creates a container in {@code pod}: a root filesystem from the image's layers, the image config merged
     * with the request, output to {@code <podLogsRoot>/<ns>_<pod>_<uid>/<name>/<restartCount>.log}. Returns its id.
     */
    public String createContainer(Pod pod, ContainerRequest request) throws IOException {
        String id = HexFormat.of().formatHex(randomBytes());
        Image image = request.image();
        ImageConfig imageConfig = image.config();
        List<LayerBlob> layers = image.layers().stream()
            .map(layer -> new LayerBlob(layer.digest(), layer.mediaType(),
                () -> Files.newInputStream(images.blobs().path(layer.digest()))))
            .toList();
        Snapshot snapshot = snapshotter.prepare(id, layers);
        try {
            Path io = Files.createDirectories(io(id));
            Path logFile = config.logs().containerLogFile(pod.ref(), request.name(), request.restartCount());
            config.logs().createContainerDirectory(pod.ref(), request.name());
            Files.writeString(io.resolve("log"), logFile.toString());
            for (LogStream stream : LogStream.values()) {
                privileged.makeNode(fifo(id, stream), PrivilegedFiles.NodeType.FIFO, 0, 0, 0600);
            }
            attachLogs(id);
            config.logs().link(pod.ref(), request.name(), id, logFile);
            Files.writeString(io.resolve("link"), config.logs().symlink(pod.ref(), request.name(), id).toString());

            ContainerSpec.Builder spec = ContainerSpec.builder(id, snapshot.rootfs(),
                    config.cgroups().containerPath(pod.cgroupPath(), id), arguments(request, imageConfig))
                .env(mergeEnv(imageConfig.env(), request.env()))
                .workingDir(firstNonEmpty(request.workingDir(), imageConfig.workingDir(), "/"))
                .user(new UserResolver(snapshot.rootfs()).resolve(imageConfig.user(), request.runAsUser(),
                    request.runAsGroup(), request.supplementalGroups()))
                .sandbox(pod.namespaces())
                .netns(pod.network().netns().orElse(null))
                .mount(ContainerMount.bind(pod.network().hosts(), "/etc/hosts", false))
                .mount(ContainerMount.bind(pod.network().resolvConf(), "/etc/resolv.conf", false))
                .mount(ContainerMount.bind(pod.network().hostname(), "/etc/hostname", false))
                .stdout(fifo(id, LogStream.STDOUT))
                .stderr(fifo(id, LogStream.STDERR));
            request.options().accept(spec);
            supervisor.create(spec.build());
        } catch (IOException | RuntimeException e) {
            discard(id);
            throw e;
        }
        return id;
    }

    public ContainerState start(String id) {
        return supervisor.start(id);
    }

    /** The container's state; once it has stopped, its log file is complete. */
    public ContainerState status(String id) throws IOException {
        ContainerState state = supervisor.state(id);
        if (state.status() == ContainerStatus.STOPPED) {
            closeLogs(id);
        }
        return state;
    }

    public ContainerState waitForExit(String id, Duration timeout) throws IOException {
        supervisor.waitForExit(id, timeout);
        return status(id);
    }

    /** SIGTERM, SIGKILL after the grace period. */
    public ContainerState stop(String id, Duration gracePeriod) throws IOException {
        supervisor.stop(id, gracePeriod);
        return status(id);
    }

    /** Deletes a stopped container: its state, cgroup, root filesystem, FIFOs and log symlink (not its log). */
    public void remove(String id) throws IOException {
        if (supervisor.state(id).status() == ContainerStatus.RUNNING) {
            throw new ContainerException("container " + id + " is running; stop it first");
        }
        closeLogs(id);
        supervisor.delete(id);
        discard(id);
    }

    /** Lets go of the log FIFOs without stopping anything: containers run on, a new instance picks them up. */
    @Override
    public void close() throws IOException {
        for (String id : List.copyOf(logWriters.keySet())) {
            ContainerLogWriter writer = logWriters.remove(id);
            if (writer != null) {
                writer.detach();
            }
        }
    }

    private void attachLogs(String id) throws IOException {
        ContainerLogWriter writer = new ContainerLogWriter(Path.of(Files.readString(io(id).resolve("log"))),
            config.logRotation());
        try {
            for (LogStream stream : LogStream.values()) {
                writer.attachFifo(stream, fifo(id, stream));
            }
        } catch (IOException e) {
            writer.close();
            throw e;
        }
        logWriters.put(id, writer);
    }

    private void closeLogs(String id) throws IOException {
        ContainerLogWriter writer = logWriters.remove(id);
        if (writer != null) {
            writer.close();
        }
    }

    /** Removes the root filesystem, FIFOs and log symlink of {@code id}, whatever of them exists. */
    private void discard(String id) throws IOException {
        closeLogs(id);
        snapshotter.remove(id);
        Path io = io(id);
        Path link = io.resolve("link");
        if (Files.exists(link)) {
            Files.deleteIfExists(Path.of(Files.readString(link)));
        }
        if (Files.isDirectory(io)) {
            try (Stream<Path> files = Files.list(io)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(io);
        }
    }

    private Path io(String id) {
        return dirs.containerIo().resolve(id);
    }

    private Path fifo(String id, LogStream stream) {
        return io(id).resolve(stream.criName());
    }

    /** Kubernetes' rules: command replaces the Entrypoint (and drops the Cmd), args replace the Cmd. */
    private static List<String> arguments(ContainerRequest request, ImageConfig image) {
        List<String> argv = new ArrayList<>(request.command().isEmpty() ? image.entrypoint() : request.command());
        if (!request.args().isEmpty()) {
            argv.addAll(request.args());
        } else if (request.command().isEmpty()) {
            argv.addAll(image.cmd());
        }
        if (argv.isEmpty()) {
            throw new ContainerException("no command specified");
        }
        return argv;
    }

    /** The image's variables, each replaced in place by the request's of the same name, then the request's new ones. */
    static List<String> mergeEnv(List<String> image, List<String> request) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (List<String> entries : List.of(image, request)) {
            for (String entry : entries) {
                int equals = entry.indexOf('=');
                merged.put(equals < 0 ? entry : entry.substring(0, equals), entry);
            }
        }
        return List.copyOf(merged.values());
    }

    private static String firstNonEmpty(String... values) {
        return Stream.of(values).filter(v -> !v.isEmpty()).findFirst().orElseThrow();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
