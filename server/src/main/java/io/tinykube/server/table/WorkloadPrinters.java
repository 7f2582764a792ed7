package io.tinykube.server.table;

import static io.tinykube.server.table.KindPrinter.row;

import java.time.Duration;
import java.util.List;

/**
 * Printers of the workload kinds: Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet, Job,
 * CronJob, ControllerRevision, PodTemplate, HorizontalPodAutoscaler and PodDisruptionBudget. Where the API server
 * defaults a field (replicas 1, suspend false…) an object that lacks it prints as if defaulted.
 */
final class WorkloadPrinters {
    private WorkloadPrinters() {
    }

    private static Column containers() {
        return Column.string("Containers", Column.CONTAINERS_DESCRIPTION).wide();
    }

    private static Column images() {
        return Column.string("Images", Column.IMAGES_DESCRIPTION).wide();
    }

    private static Column selector(String description) {
        return Column.string("Selector", description).wide();
    }

    private static final String LABEL_SELECTOR_DESCRIPTION = "Label selector for pods. Existing ReplicaSets whose pods"
            + " are selected by this will be the ones affected by this deployment.";

    static TablePrinter deployment() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Ready", "Number of the pod with ready state"),
                Column.string("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have"
                        + " the desired template spec."),
                Column.string("Available", "Total number of available pods (ready for at least minReadySeconds)"
                        + " targeted by this deployment."),
                Column.age(),
                containers(),
                images(),
                selector(LABEL_SELECTOR_DESCRIPTION)),
                (o, now) -> {
                    List<Obj> containers = o.list("spec", "template", "spec", "containers");
                    String selector;
                    try {
                        selector = Labels.selectorString(o.get("spec", "selector"));
                    } catch (IllegalArgumentException invalid) {
                        selector = "<invalid>";
                    }
                    return row(o.name(), o.i64("status", "readyReplicas") + "/" + replicas(o),
                            o.i64("status", "updatedReplicas"), o.i64("status", "availableReplicas"), Cells.age(o, now),
                            Cells.containerNames(containers), Cells.containerImages(containers), selector);
                });
    }

    static TablePrinter replicaSet() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.integer("Desired", "Replicas is the number of desired replicas."),
                Column.integer("Current", "Replicas is the most recently observed number of replicas."),
                Column.integer("Ready", "The number of ready replicas for this replica set."),
                Column.age(),
                containers(),
                images(),
                selector("Selector is a label query over pods that should match the replica count.")),
                (o, now) -> {
                    List<Obj> containers = o.list("spec", "template", "spec", "containers");
                    return row(o.name(), replicas(o), o.i64("status", "replicas"), o.i64("status", "readyReplicas"),
                            Cells.age(o, now), Cells.containerNames(containers), Cells.containerImages(containers),
                            Labels.formatSelector(o.get("spec", "selector")));
                });
    }

    static TablePrinter replicationController() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.integer("Desired", "Replicas is the number of desired replicas."),
                Column.integer("Current", "Replicas is the most recently observed number of replicas."),
                Column.integer("Ready", "The number of ready replicas for this replication controller."),
                Column.age(),
                containers(),
                images(),
                selector("Selector is a label query over pods that should match the Replicas count.")),
                (o, now) -> {
                    List<Obj> containers = o.list("spec", "template", "spec", "containers");
                    return row(o.name(), replicas(o), o.i64("status", "replicas"), o.i64("status", "readyReplicas"),
                            Cells.age(o, now), Cells.containerNames(containers), Cells.containerImages(containers),
                            Labels.format(o.stringMap("spec", "selector")));
                });
    }

    static TablePrinter statefulSet() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Ready", "Number of the pod with ready state"),
                Column.age(),
                containers(),
                images()),
                (o, now) -> {
                    List<Obj> containers = o.list("spec", "template", "spec", "containers");
                    return row(o.name(), o.i64("status", "readyReplicas") + "/" + replicas(o), Cells.age(o, now),
                            Cells.containerNames(containers), Cells.containerImages(containers));
                });
    }

    static TablePrinter daemonSet() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.integer("Desired", "The total number of nodes that should be running the daemon pod."),
                Column.integer("Current", "The number of nodes that are running at least 1 daemon pod and are supposed"
                        + " to run the daemon pod."),
                Column.integer("Ready", "The number of nodes that should be running the daemon pod and have one or more"
                        + " of the daemon pod running and ready."),
                Column.integer("Up-to-date", "The total number of nodes that are running updated daemon pod"),
                Column.integer("Available", "The number of nodes that should be running the daemon pod and have one or"
                        + " more of the daemon pod running and available (ready for at least"
                        + " spec.minReadySeconds)"),
                Column.string("Node Selector", "NodeSelector is a selector which must be true for the pod to fit on a"
                        + " node."),
                Column.age(),
                containers(),
                images(),
                selector("A label query over pods that are managed by the daemon set.")),
                (o, now) -> {
                    List<Obj> containers = o.list("spec", "template", "spec", "containers");
                    return row(o.name(), o.i64("status", "desiredNumberScheduled"),
                            o.i64("status", "currentNumberScheduled"), o.i64("status", "numberReady"),
                            o.i64("status", "updatedNumberScheduled"), o.i64("status", "numberAvailable"),
                            Labels.format(o.stringMap("spec", "template", "spec", "nodeSelector")), Cells.age(o, now),
                            Cells.containerNames(containers), Cells.containerImages(containers),
                            Labels.formatSelector(o.get("spec", "selector")));
                });
    }

    /**
     * {@code printJob} as Kubernetes 1.33 serves it: Complete, Failed, Terminating, Suspended, FailureTarget, else
     * Running. (SuccessCriteriaMet is printed from 1.34 on; a 1.33 server prints such a job as Running.)
     */
    static TablePrinter job() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Status", "Status of the job."),
                Column.string("Completions", "The number of pods which reached phase Succeeded."),
                Column.string("Duration", "Time required to complete the job."),
                Column.age(),
                containers(),
                images(),
                selector("A label query over pods that should match the pod count.")),
                (o, now) -> {
                    long succeeded = o.i64("status", "succeeded");
                    String completions;
                    if (o.has("spec", "completions")) {
                        completions = succeeded + "/" + o.i64("spec", "completions");
                    } else {
                        long parallelism = o.i64("spec", "parallelism");
                        completions = parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
                    }
                    String duration = "";
                    var start = o.time("status", "startTime");
                    var completion = o.time("status", "completionTime");
                    if (start != null) {
                        duration = HumanDuration.format(Duration.between(start, completion == null ? now : completion));
                    }
                    List<Obj> conditions = o.list("status", "conditions");
                    String status;
                    if (Cells.conditionTrue(conditions, "Complete")) {
                        status = "Complete";
                    } else if (Cells.conditionTrue(conditions, "Failed")) {
                        status = "Failed";
                    } else if (o.has("metadata", "deletionTimestamp")) {
                        status = "Terminating";
                    } else if (Cells.conditionTrue(conditions, "Suspended")) {
                        status = "Suspended";
                    } else if (Cells.conditionTrue(conditions, "FailureTarget")) {
                        status = "FailureTarget";
                    } else {
                        status = "Running";
                    }
                    List<Obj> containers = o.list("spec", "template", "spec", "containers");
                    return row(o.name(), status, completions, duration, Cells.age(o, now),
                            Cells.containerNames(containers), Cells.containerImages(containers),
                            Labels.formatSelector(o.get("spec", "selector")));
                });
    }

    static TablePrinter cronJob() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Schedule", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
                Column.string("Timezone", "The time zone name for the given schedule."),
                Column.bool("Suspend", "This flag tells the controller to suspend subsequent executions, it does not"
                        + " apply to already started executions. Defaults to false."),
                Column.integer("Active", "A list of pointers to currently running jobs."),
                Column.string("Last Schedule", "Information when was the last time the job was successfully"
                        + " scheduled."),
                Column.age(),
                containers(),
                images(),
                selector("A label query over pods that should match the pod count.")),
                (o, now) -> {
                    String lastSchedule = o.has("status", "lastScheduleTime")
                            ? Cells.since(o, now, "status", "lastScheduleTime") : "<none>";
                    String timeZone = o.has("spec", "timeZone") ? o.str("spec", "timeZone") : "<none>";
                    String suspend = o.has("spec", "suspend") ? Cells.boolPtr(o, "spec", "suspend") : "False";
                    List<Obj> containers = o.list("spec", "jobTemplate", "spec", "template", "spec", "containers");
                    return row(o.name(), o.str("spec", "schedule"), timeZone, suspend,
                            (long) o.size("status", "active"), lastSchedule, Cells.age(o, now),
                            Cells.containerNames(containers), Cells.containerImages(containers),
                            Labels.formatSelector(o.get("spec", "jobTemplate", "spec", "selector")));
                });
    }

    static TablePrinter controllerRevision() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Controller", "Controller of the object"),
                Column.string("Revision", "Revision indicates the revision of the state represented by Data."),
                Column.age()),
                (o, now) -> {
                    String controller = "<none>";
                    for (Obj ref : o.list("metadata", "ownerReferences")) {
                        if (ref.bool("controller")) {
                            String apiVersion = ref.str("apiVersion");
                            int slash = apiVersion.indexOf('/');
                            String group = slash < 0 ? "" : apiVersion.substring(0, slash);
                            String kind = ref.str("kind");
                            String groupKind = group.isEmpty() ? kind : kind + "." + group;
                            controller = groupKind.isEmpty() ? ref.str("name")
                                    : groupKind.toLowerCase(java.util.Locale.ROOT) + "/" + ref.str("name");
                            break;
                        }
                    }
                    return row(o.name(), controller, o.i64("revision"), Cells.age(o, now));
                });
    }

    static TablePrinter podTemplate() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Containers", Column.CONTAINERS_DESCRIPTION),
                Column.string("Images", Column.IMAGES_DESCRIPTION),
                Column.string("Pod Labels", "The labels for the pod template.")),
                (o, now) -> {
                    List<Obj> containers = o.list("template", "spec", "containers");
                    return row(o.name(), Cells.containerNames(containers), Cells.containerImages(containers),
                            Labels.format(o.stringMap("template", "metadata", "labels")));
                });
    }

    static TablePrinter podDisruptionBudget() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Min Available", "The minimum number of pods that must be available."),
                Column.string("Max Unavailable", "The maximum number of pods that may be unavailable."),
                Column.integer("Allowed Disruptions", "Calculated number of pods that may be disrupted at this time."),
                Column.age()),
                (o, now) -> row(o.name(),
                        o.has("spec", "minAvailable") ? Cells.intOrString(o, "spec", "minAvailable") : "N/A",
                        o.has("spec", "maxUnavailable") ? Cells.intOrString(o, "spec", "maxUnavailable") : "N/A",
                        o.i64("status", "disruptionsAllowed"), Cells.age(o, now)));
    }

    /**
     * {@code printHorizontalPodAutoscaler} on autoscaling/v2 objects, and on autoscaling/v1 ones converted as the
     * API server converts them ({@code targetCPUUtilizationPercentage} is a CPU utilization metric). An object
     * without metrics prints with the default target (CPU at 80%) and without minReplicas with 1, as defaulted.
     */
    static TablePrinter horizontalPodAutoscaler() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Reference", "scaleTargetRef points to the target resource to scale, and is used to the"
                        + " pods for which metrics should be collected, as well as to actually change the replica"
                        + " count."),
                Column.string("Targets", "metrics contains the specifications for which to use to calculate the"
                        + " desired replica count (the maximum replica count across all metrics will be used)."),
                Column.string("MinPods", "minReplicas is the lower limit for the number of replicas to which the"
                        + " autoscaler can scale down. It defaults to 1 pod."),
                Column.string("MaxPods", "maxReplicas is the upper limit for the number of replicas to which the"
                        + " autoscaler can scale up. It cannot be less that minReplicas."),
                Column.string("Replicas", "currentReplicas is current number of replicas of pods managed by this"
                        + " autoscaler, as last seen by the autoscaler."),
                Column.age()),
                (o, now) -> {
                    String reference = o.str("spec", "scaleTargetRef", "kind") + "/" + o.str("spec", "scaleTargetRef", "name");
                    String minPods = o.has("spec", "minReplicas") ? Long.toString(o.i64("spec", "minReplicas")) : "1";
                    return row(o.name(), reference, HpaMetrics.format(o), minPods, o.i64("spec", "maxReplicas"),
                            o.i64("status", "currentReplicas"), Cells.age(o, now));
                });
    }

    /** {@code spec.replicas}, defaulted to 1. */
    private static long replicas(Obj o) {
        return o.has("spec", "replicas") ? o.i64("spec", "replicas") : 1;
    }
}
